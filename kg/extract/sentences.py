"""Sentence splitting on tokens (German and English).

A sentence ends at a stand-alone '.', '!', '?' or '…' token followed by a capitalised word,
a digit or an opening quote, and at every line break (headlines, datelines and paragraphs
are lines of their own). Abbreviations and ordinals ("U.S.", "Dr.", "16.") are single
tokens in the spaCy tokenisers, so they never end a sentence; nor does a '.' inside a legal form
of the lexicon that the tokeniser splits ("S.p.A.", "Pvt. Ltd.", "Sdn. Bhd.": ``dotted``, the
lexicon's legal forms with a '.' token inside, by their first word).
"""

from __future__ import annotations

from dataclasses import dataclass

from kg.extract.tokens import Token

_ENDS = {".", "!", "?", "…", "...", "!?", "?!"}
_OPENERS = set("\"'„“”‚‘«»([")


@dataclass
class Sentence:
    index: int
    start: int          # first token index
    end: int            # one past the last token index
    char_start: int
    char_end: int
    paragraph: int


def _inside_form(tokens: list[Token], i: int, dotted: dict[str, list[tuple[str, ...]]]) -> bool:
    """Whether the '.' at token i is inside a legal form of ``dotted`` that begins at the token
    glued to it ("S.p" "." "A.", "Pvt" "." "Ltd.")."""
    if i == 0 or tokens[i - 1].end != tokens[i].start:
        return False
    for words in dotted.get(tokens[i - 1].fold, ()):
        n = len(words)
        if i - 1 + n <= len(tokens) and tuple(t.fold for t in tokens[i - 1:i - 1 + n]) == words:
            return True
    return False


def split_sentences(text: str, tokens: list[Token],
                    dotted: dict[str, list[tuple[str, ...]]] | None = None) -> list[Sentence]:
    sentences: list[Sentence] = []
    if not tokens:
        return sentences
    start = 0
    paragraph = 0
    para_of_start = 0

    def close(end: int) -> None:
        if end > start:
            sentences.append(Sentence(len(sentences), start, end, tokens[start].start,
                                      tokens[end - 1].end, para_of_start))

    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is None:
            break
        gap = text[tok.end:nxt.start]
        newlines = gap.count("\n")
        boundary = False
        if newlines:
            boundary = True
        elif tok.text in _ENDS and dotted and tok.text == "." and _inside_form(tokens, i, dotted):
            boundary = False
        elif tok.text in _ENDS and (nxt.text[:1].isupper() or nxt.text[:1].isdigit()
                                    or (nxt.text[:1] in _OPENERS and gap)):
            boundary = True
        elif tok.text in _OPENERS and i > 0 and tokens[i - 1].text in _ENDS and not text[tokens[i - 1].end:tok.start] \
                and gap and (nxt.text[:1].isupper() or nxt.text[:1] in _OPENERS):
            boundary = True   # closing quote after the full stop
        if boundary:
            close(i + 1)
            start = i + 1
            if newlines >= 2:
                paragraph += 1
            para_of_start = paragraph
    close(len(tokens))
    return sentences
