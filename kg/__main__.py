"""``python -m kg`` runs the same CLI as the ``kg`` console script."""

from kg.cli import main

main()
