"""When retry gives up it raises a fresh copy of the last exception, not the object fn raised."""

EXPECT = "test_the_last_exception_is_raised_as_itself"
PATCH = [("""            if delay is None:
                raise  # the same exception object, traceback intact""",
          """            if delay is None:
                raise type(error)(*error.args) from error""")]
