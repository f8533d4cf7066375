"""The decorator always wraps with the sync retry: for an async function it returns the first coroutine
unawaited, so a failure inside it is never retried."""

EXPECT = "test_retrying_retries_an_async_function"
PATCH = [("""        if inspect.iscoroutinefunction(fn):

            @functools.wraps(fn)
            async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
                return await aretry(functools.partial(fn, *args, **kwargs), policy)

            return async_wrapper
""", "")]
