"""Tokens are joined and split on '-', so a negative value breaks the encoding apart."""

EXPECT = "test_negative_and_64_bit_values_come_back_exactly"
PATCH = [('SEPARATOR = ","', 'SEPARATOR = "-"')]
