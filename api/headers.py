"""Values for response headers, which HTTP sends as Latin-1: IRIs and file names may hold
any Unicode character ("€", "東京"), so they are written the way the RFCs say.

>>> uri_reference("https://w3id.org/energy-kg/id/country/€")
'https://w3id.org/energy-kg/id/country/%E2%82%AC'
>>> attachment("energy-kg-€.ttl")
'attachment; filename="energy-kg-_.ttl"; filename*=UTF-8\\'\\'energy-kg-%E2%82%AC.ttl'
>>> attachment("energy-kg.trig")
'attachment; filename="energy-kg.trig"'
"""

from __future__ import annotations

import re
from urllib.parse import quote

# RFC 3986 reserved and unreserved characters stay; '%' too (an IRI may be encoded already).
_URI_SAFE = ":/?#[]@!$&'()*+,;=-._~%"


def uri_reference(iri: str) -> str:
    """The IRI as a URI (RFC 3987 section 3.1): non-ASCII characters percent-encoded as UTF-8."""
    return quote(iri, safe=_URI_SAFE)


def attachment(filename: str) -> str:
    """A ``Content-Disposition`` for ``filename``: an ASCII name, plus ``filename*`` (RFC 6266)
    when the name is not plain ASCII."""
    plain = re.sub(r'[^\x20-\x7e]|["\\]', "_", filename)
    if plain == filename:
        return f'attachment; filename="{plain}"'
    return f"attachment; filename=\"{plain}\"; filename*=UTF-8''{quote(filename, safe='')}"
