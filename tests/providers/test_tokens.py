from advisor.providers.tokens import ENCODING_NAME, count_tokens, get_encoding, truncate_tokens


def test_offline_encoding_counts_like_cl100k() -> None:
    assert get_encoding().name == ENCODING_NAME
    assert count_tokens("hello world") == 2
    assert count_tokens("") == 0
    assert count_tokens("<|endoftext|>") > 1  # special tokens are plain text here


def test_truncate_on_token_boundary() -> None:
    text = "one two three four five six"
    assert count_tokens(truncate_tokens(text, 3)) == 3
    assert truncate_tokens(text, 100) == text
