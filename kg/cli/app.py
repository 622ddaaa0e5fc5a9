"""The Typer application every ``kg`` command registers on, and shared CLI helpers."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Annotated, TypeVar

import typer
from rich.console import Console

from kg.errors import KGError, NoPathError, NotFoundError, ValidationError

app = typer.Typer(
    name="kg",
    help="The open knowledge graph of international energy cooperation.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console()
err_console = Console(stderr=True, soft_wrap=True)  # messages stay on one line

StoreOption = Annotated[
    str | None,
    typer.Option("--store", "-s", envvar="KG_STORE",
                 help="Store location: a directory (default data/store) or 'memory:'."),
]

F = TypeVar("F", bound=Callable)


def exit_code(error: KGError) -> int:
    """Exit codes: 1 for violations and 'no path', 2 for bad input or unknown names."""
    if isinstance(error, (ValidationError, NoPathError)):
        return 1
    return 2


def handles_errors(command: F) -> F:
    """Turn KGError into a one-line (or short) message on stderr and an exit code."""

    @functools.wraps(command)
    def wrapper(*args, **kwargs):
        try:
            return command(*args, **kwargs)
        except KGError as error:
            err_console.print(f"[bold red]error:[/] {error}", highlight=False, markup=True)
            if isinstance(error, NotFoundError) and error.suggestions:
                err_console.print("did you mean: " + ", ".join(error.suggestions), highlight=False)
            raise typer.Exit(exit_code(error)) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0) from None

    return wrapper  # type: ignore[return-value]
