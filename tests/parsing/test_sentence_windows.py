"""The splitter's windows never cut a sentence that runs past a window's end."""

from __future__ import annotations

from advisor.parsing.sentences import WINDOW, split_sentences


def test_a_sentence_across_a_window_boundary_stays_whole() -> None:
    filler = "Short wins build momentum and secure ongoing support for the work. " * 8
    long_sentence = (
        "For example, a project with high potential impact and high feasibility (low effort) would be "
        "prioritized over one with low impact and high effort, even if the latter uses more advanced AI."
    )
    text = filler + long_sentence
    assert len(filler) < WINDOW < len(text)
    spans = split_sentences(text)
    assert spans[-1].text == long_sentence
    assert all(text[s.start : s.end] == s.text for s in spans)
    assert len(spans) == 9
