"""beam_width = 0 is accepted and returns an empty list instead of raising ValueError."""

EXPECT = "test_bad_arguments_raise_value_error_before_step_is_called"
BEYOND_THE_MODEL = "validation: the model test never passes a beam width below 1"
PATCH = [("    if beam_width < 1:\n        raise ValueError", "    if beam_width < 0:\n        raise ValueError")]
