"""Tokens are written one per line, so the encoding is not a single line."""

EXPECT = "test_the_encoding_is_one_line_of_printable_ascii"
PATCH = [('SEPARATOR = ","', 'SEPARATOR = "\\n"')]
