"""The decorator returns bare wrappers: the decorated function is called "wrapper" and loses its docstring."""

EXPECT = "test_retrying_keeps_the_name_and_docstring"
PATCH = [("            @functools.wraps(fn)\n            async def", "            async def"),
         ("        @functools.wraps(fn)\n        def wrapper", "        def wrapper")]
