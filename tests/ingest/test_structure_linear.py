"""``find_sections`` does work linear in the text: a large input has thousands of headings,
and copying the text once per heading made ingestion quadratic (issue 18, item 3).

Counted, not timed: a ``str`` whose slicing records how many characters it copied."""

from __future__ import annotations

from extractor.ingest.structure import find_sections


class CountingText(str):
    copied = 0

    def __getitem__(self, key):  # type: ignore[no-untyped-def]
        out = super().__getitem__(key)
        type(self).copied += len(out)
        return out


def _paper(n_sections: int) -> str:
    body = "Adipose-derived stem cells lowered the PASI in seven patients. " * 8
    nums = [i % 40 + 1 for i in range(n_sections)]  # heading numbers as papers use them
    parts = [f"{k}. Results part {k}\n{body}\n\n{k}.1 Details\n{body}\n" for k in nums]
    return "Abstract\n" + body + "\n\n" + "\n".join(parts)


def test_characters_copied_grow_with_the_text_not_with_text_times_headings() -> None:
    copied = {}
    for n in (50, 400):
        text = CountingText(_paper(n))
        CountingText.copied = 0
        sections = find_sections(text)
        assert len(sections) == 2 * n + 1
        copied[n] = CountingText.copied / len(text)
    # linear: a bounded number of copies of the text whatever its size (quadratic code
    # copies ~headings/2 texts: about 50 at n=50 and 400 at n=400)
    assert copied[400] <= 2.0 and copied[400] <= copied[50] + 0.5, copied


def test_nested_sections_end_at_the_next_heading_of_their_level() -> None:
    text = _paper(3)
    secs = find_sections(text)
    by_title = {s.title: s for s in secs}
    one, one_one = by_title["1. Results part 1"], by_title["1.1 Details"]
    two = by_title["2. Results part 2"]
    assert one.start < one_one.start < one.end <= two.start
    assert one_one.end == one.end  # the subsection runs to its parent's end
    assert text[: two.start].rstrip() == text[: one.end]  # trailing blanks are not inside
    last = secs[-1]
    assert last.end == len(text.rstrip())
