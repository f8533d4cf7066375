"""Hidden tests for the crawler kata.

Every crawl runs on a virtual clock (grader.virtual_time): sleeps and timeouts cost no real time, and
the start and end of every fetch call are known exactly. The fake web answers with the user's own Page
class; its notation is the one of `fake_fetch` in katas/crawler/test_examples.py, so a counterexample
can be pasted there and replayed:

    web = {url: (status, links)                 # answers after the web's latency
           url: (status, links, seconds)        # answers after `seconds`
           url: ConnectionResetError            # raises it
           url: 'hang'                          # never answers
           url: [outcome, outcome, ...]}        # one outcome per attempt; the last one repeats
    Any other URL answers (404, []).
"""

from __future__ import annotations

import asyncio
import math
import random
from collections import Counter, deque
from dataclasses import dataclass
from unittest.mock import AsyncMock
from urllib.parse import urldefrag, urljoin, urlsplit

from hypothesis import example, given, settings
from hypothesis import strategies as st

from grader.harness import virtual_time
from grader.harness import SETTINGS, Script, UserCodeRaised, same, scored, solution

A = "http://a.test"
B = "http://b.test"
EPSILON = 1e-6  # float error allowed when comparing times
TIME_LIMIT = 1000.0  # virtual seconds: every web here is crawled in far less

# --------------------------------------------------------------------------------------------------
# The fake web


@dataclass
class Call:
    """One call of fetch, as the fake web saw it."""

    url: str
    attempt: int
    start: float
    end: float | None = None
    outcome: str = "running"  # "status", "raised", "cancelled" or "running"
    status: int | None = None
    error: str | None = None


class FakeWeb:
    """Serves pages from a dict, and records every call: when it started, when and how it ended."""

    def __init__(self, pages: dict, latency: float = 0.0, shown: str = "") -> None:
        self.pages = pages
        self.latency = latency
        self.shown = shown  # the web as Python, when a comprehension says it shorter than source() would
        self.calls: list[Call] = []
        self.in_flight: list[Call] = []
        self.peak: list[Call] = []
        self.peak_time = 0.0
        self._attempts: Counter = Counter()

    def outcome(self, url: str, attempt: int):
        spec = self.pages.get(url, (404, []))
        if isinstance(spec, list):
            spec = spec[min(attempt, len(spec)) - 1]
        return spec

    async def fetch(self, url):
        loop = asyncio.get_running_loop()
        self._attempts[url] += 1
        call = Call(url, self._attempts[url], loop.time())
        self.calls.append(call)
        self.in_flight.append(call)
        if len(self.in_flight) > len(self.peak):
            self.peak, self.peak_time = list(self.in_flight), call.start
        try:
            spec = self.outcome(url, call.attempt)
            if spec == "hang":
                await loop.create_future()
            delay = spec[2] if isinstance(spec, tuple) and len(spec) == 3 else self.latency
            if delay:
                await asyncio.sleep(delay)
            if isinstance(spec, type):
                raise spec(f"fake {spec.__name__} from {url}")
            call.outcome, call.status = "status", spec[0]
            return solution().Page(url=url, status=spec[0], links=list(spec[1]))
        except asyncio.CancelledError:
            call.outcome = "cancelled"
            raise
        except Exception as exc:
            call.outcome, call.error = "raised", type(exc).__name__
            raise
        finally:
            call.end = loop.time()
            self.in_flight.remove(call)

    def source(self) -> str:
        """The web as Python, in the notation of fake_fetch."""
        if self.shown:
            return self.shown
        lines = []
        for url, spec in self.pages.items():
            if isinstance(spec, tuple) and len(f"    {url!r}: {spec!r},") > WIDTH:
                links = [repr(link) for link in spec[1]]
                tail = f", {spec[2]!r})," if len(spec) == 3 else "),"
                lines.append(_wrapped(f"    {url!r}: ({spec[0]!r}, [", links, "]" + tail))
            else:
                lines.append(f"    {url!r}: {_outcome_source(spec)},")
        return "web = {\n" + "\n".join(lines) + "\n}"

    def fetch_source(self) -> str:
        return f"fake_fetch(web, latency={self.latency!r})" if self.latency else "fake_fetch(web)"

    def first_calls(self) -> list[str]:
        return [call.url for call in self.calls if call.attempt == 1]

    def calls_of(self, url: str) -> list[Call]:
        return [call for call in self.calls if call.url == url]


WIDTH = 76  # counterexamples are shown in a box of this width


def _wrapped(opening: str, items: list[str], closing: str) -> str:
    """opening + items joined by ', ' + closing, broken into lines of WIDTH aligned after the opening."""
    lines, line = [], opening
    for index, item in enumerate(items):
        piece = item + (", " if index < len(items) - 1 else closing)
        if len(line) + len(piece.rstrip()) > WIDTH and line.strip() != opening.strip():
            lines.append(line.rstrip())
            line = " " * len(opening)
        line += piece
    if not items:
        line += closing
    return "\n".join(lines + [line])


def _outcome_source(spec) -> str:
    if isinstance(spec, list):
        return "[" + ", ".join(_outcome_source(s) for s in spec) + "]"
    if isinstance(spec, type):
        return spec.__name__
    return repr(spec)


class PageDecodeError(Exception):
    """An exception type of the kind a real fetch may raise."""


def _tasks(tasks) -> str:
    """The tasks' names for a message; the fake's calls show as calls of fetch."""
    return virtual_time.describe_tasks(tasks).replace("FakeWeb.fetch", "a call of fetch")


# --------------------------------------------------------------------------------------------------
# The model: a plain breadth-first crawl, one call at a time


@dataclass
class Model:
    results: dict  # url -> (status, error, depth, attempts)
    order: list  # URLs in the order a breadth-first crawl first fetches them
    why: dict  # url -> why it is fetched, or why it is not
    starts: list  # the start URLs, as given
    relative: set  # the URLs fetched because a relative link was found to them first


def model_crawl(web: FakeWeb, start, *, max_pages=100, max_depth=3, timeout=10.0, retries=2,
                same_host=True, **_) -> Model:
    starts = [start] if isinstance(start, str) else list(start)
    hosts = {urlsplit(url).hostname for url in starts}
    frontier: deque = deque()
    results: dict = {}
    order: list = []
    why: dict = {}
    seen: set = set()
    relative: set = set()

    def discover(url, depth, reason):
        if url in seen:
            return
        if len(seen) >= max_pages:
            why.setdefault(url, f"max_pages={max_pages} URLs were already queued when it was found")
            return
        seen.add(url)
        why[url] = reason
        frontier.append((url, depth))

    for url in starts:
        discover(url, 0, "it is a start URL")
    while frontier:
        url, depth = frontier.popleft()
        order.append(url)
        for attempt in range(1, retries + 2):
            spec = web.outcome(url, attempt)
            delay = spec[2] if isinstance(spec, tuple) and len(spec) == 3 else web.latency
            if spec == "hang" or delay >= timeout:
                status, error, links = None, "TimeoutError", []
            elif isinstance(spec, type):
                status, error, links = None, spec.__name__, []
            else:
                status, error, links = spec[0], None, spec[1]
            if error is None and status < 500:
                break
        results[url] = (status, error, depth, attempt)
        for link in links:
            target = urldefrag(urljoin(url, link)).url
            if target in seen:
                continue
            written = "" if link == target else f" as {link!r}"
            where = f"it is linked from {url!r}{written} (depth {depth}, status {status})"
            if status >= 400:
                why.setdefault(target, f"{where}, and links are followed only from pages whose status is below 400")
            elif depth >= max_depth:
                why.setdefault(target, f"{where}, so it would be at depth {depth + 1}, deeper than "
                                       f"max_depth={max_depth}")
            elif same_host and urlsplit(target).hostname not in hosts:
                why.setdefault(target, f"{where}, but its host {urlsplit(target).hostname!r} is not a start URL's "
                                       "host and same_host=True")
            else:
                discover(target, depth + 1, f"{where}, so its depth is {depth + 1}, within max_depth={max_depth}")
                if target in seen and not urlsplit(link).scheme:
                    relative.add(target)  # seen was checked above: this link is the first to reach it
    return Model(results, order, why, starts, relative)


# --------------------------------------------------------------------------------------------------
# Running the user's crawl


def _call_source(prefix: str, web: FakeWeb, start, options: dict, suffix: str) -> str:
    """`prefix + crawl(start, fake_fetch(web), options...) + suffix`, wrapped to the counterexample box."""
    arguments = [repr(start), web.fetch_source()] + [f"{k}={v!r}" for k, v in options.items()]
    return _wrapped(f"{prefix}crawl(", arguments, ")" + suffix)


def _show(script: Script, line: str) -> None:
    script.run(line, lambda: None, shown=line)


def _run(script: Script, web: FakeWeb, line: str, scenario, hint: str):
    """Run a scenario on virtual time through the script, turning a hang into a readable failure."""
    try:
        return script.run("run", virtual_time.run, scenario, time_limit=TIME_LIMIT, allow_leftovers=True,
                          shown=line)
    except UserCodeRaised as exc:
        if isinstance(exc.original, virtual_time.Deadlock):
            stuck = [call.url for call in web.in_flight]
            waiting = f" (calls still waiting for an answer: {stuck})" if stuck else ""
            script.fail(f"The crawl never finished: every task was waiting and nothing could ever wake one{waiting}. "
                        + hint, show_got=False)
        if isinstance(exc.original, virtual_time.TimeLimitExceeded):
            script.fail(f"The crawl had not returned after {TIME_LIMIT:g} simulated seconds, far longer than this "
                        "web needs. Does crawl wait for workers that never exit, or loop on sleep forever once the "
                        "frontier is empty? Does the rate limiter read time.time() or time.monotonic()? Time is "
                        "the event loop's: asyncio.get_running_loop().time().", show_got=False)
        raise


STUCK_HINT = ("Does every URL taken from the queue get its task_done(), even when its fetch fails? "
              "Does crawl wait on something nothing will ever set?")


def crawl_on(script: Script, web: FakeWeb, start, *, fetch=None, hint: str = STUCK_HINT, **options):
    """Crawl the fake web on virtual time. Returns (results as plain tuples, end time, leftover task names)."""

    async def scenario():
        loop = asyncio.get_running_loop()
        result = await solution().crawl(start, fetch or web.fetch, **options)
        leftovers = virtual_time.pending_tasks()
        return result, loop.time(), _tasks(leftovers) if leftovers else ""

    _show(script, web.source())
    result, end, leftovers = _run(script, web, _call_source("result = run(", web, start, options, ")"), scenario(),
                                  hint)
    return _plain(script, result), end, leftovers


def _plain(script: Script, result) -> dict:
    if type(result) is not dict:
        script.fail(f"crawl returned {type(result).__name__}; it must return a dict mapping each fetched URL to "
                    "its CrawlResult.", got=result)
    plain = {}
    for url, value in result.items():
        try:
            plain[url] = (value.status, value.error, value.depth, value.attempts)
        except AttributeError:
            script.fail(f"result[{url!r}] is {value!r}; it must be a CrawlResult(status, error, depth, attempts).",
                        show_got=False)
    return plain


def _shown(fields) -> str:
    status, error, depth, attempts = fields
    return f"CrawlResult(status={status!r}, error={error!r}, depth={depth!r}, attempts={attempts!r})"


def expect_results(script: Script, got: dict, model: Model, lesson: str = "") -> None:
    """The crawl fetched exactly the model's URLs, each with the model's status, error, depth and attempts."""
    lesson = f" {lesson}" if lesson else ""
    for url in got:  # a URL kept with its fragment, or not resolved, says more than the URL it displaced
        if url not in model.results and (not isinstance(url, str) or "#" in url or not urlsplit(url).scheme):
            script.fail(f"The result has {url!r}, which should not be fetched: {_why_not(url, model)}.{lesson}",
                        show_got=False)
    for url in model.results:
        if url not in got:
            script.fail(f"{url!r} is missing from the result, but it should be fetched: "
                        f"{_why_fetched(url, model, got)}.{lesson}", show_got=False)
    for url in got:
        if url not in model.results:
            script.fail(f"The result has {url!r}, which should not be fetched: {_why_not(url, model)}.{lesson}",
                        show_got=False)
    for url, expected in model.results.items():
        if not same(got[url], expected):
            script.fail(f"result[{url!r}] is {_shown(got[url])}, expected {_shown(expected)}.{lesson}",
                        show_got=False)


def _why_fetched(url: str, model: Model, fetched) -> str:
    """Why the model fetches `url`; and when no URL reached through a relative link was fetched, what that implies."""
    why = model.why[url]
    if url in model.relative and not model.relative & set(fetched):
        why += (". No URL that a relative link leads to was fetched: resolve each link against its page's URL "
                "with urllib.parse.urljoin(page_url, link) before following it")
    return why


def expect_breadth_first_calls(script: Script, web: FakeWeb, model: Model) -> None:
    """With concurrency=1, fetch is first called for exactly the model's URLs, in the model's order.

    The URLs are compared before the order: a URL fetched that should not be, or one never fetched, is its own
    bug (an unresolved link, a rewritten start URL, a depth or host rule), and says nothing about the queue."""
    order = web.first_calls()
    extra = next((url for url in order if url not in model.results), None)
    if extra is not None:
        script.fail(f"fetch was called with {extra!r}, which should not be fetched: {_why_not(extra, model)}. "
                    f"All first calls: {order}.", show_got=False)
    missing = next((url for url in model.order if url not in order), None)
    if missing is not None:
        script.fail(f"fetch was never called with {missing!r}, but it should be fetched: "
                    f"{_why_fetched(missing, model, order)}. All first calls: {order}.", show_got=False)
    if order != model.order:
        index = next(i for i, (g, e) in enumerate(zip(order, model.order)) if g != e)
        script.fail(f"The crawl fetched the right URLs in the wrong order. With concurrency=1 the crawl is a plain "
                    f"breadth-first search, so fetch is first called in the order URLs are discovered: start URLs, "
                    f"then each page's links in page order. Call {index + 1} went to {order[index]!r}, expected "
                    f"{model.order[index]!r}. All first calls: {order}; expected: {model.order}. Take URLs from the "
                    "front of a FIFO queue (collections.deque.popleft or asyncio.Queue), not from a stack or a set.",
                    show_got=False)


def _why_not(url, model: Model) -> str:
    if not isinstance(url, str) or not urlsplit(url).scheme:
        return "links must be resolved against the page's URL with urllib.parse.urljoin before they are fetched"
    if "#" in url:
        return (f"the #fragment must be dropped (urllib.parse.urldefrag), and {urldefrag(url).url!r} is a "
                "different URL only in its fragment")
    if url not in model.why:
        rewritten = [given for given in model.starts if _normalized(given) == _normalized(url)]
        if rewritten:
            return (f"it looks like the start URL {rewritten[0]!r} rewritten; start URLs are fetched exactly as "
                    "given, without normalization")
        twins = [known for known in model.results if _normalized(known) == _normalized(url)]
        if twins:
            return (f"links are used as urljoin resolves them, without other normalization, so the crawl should "
                    f"fetch {twins[0]!r}")
    return model.why.get(url, "no page the crawl should fetch links to it")


def _normalized(url: str) -> str:
    """What the usual hand-made URL normalizations (case, trailing slash, fragment) reduce a URL to."""
    return urldefrag(url).url.rstrip("/").lower()


def expect_calls_match_results(script: Script, web: FakeWeb, got: dict) -> None:
    """Each result's attempts match the calls fetch saw, and every URL fetched has a result."""
    for url, (_status, _error, _depth, attempts) in got.items():
        calls = web.calls_of(url)
        if len(calls) != attempts:
            script.fail(f"result[{url!r}].attempts is {attempts!r}, but fetch({url!r}) was called {len(calls)} "
                        "time(s): attempts counts every call, the first one and each retry.", show_got=False)
    for url in {call.url for call in web.calls}:
        if url not in got:
            script.fail(f"fetch({url!r}) was called, but {url!r} is missing from the result: every URL fetched "
                        "gets a CrawlResult, whether it succeeded or not.", show_got=False)


def expect_no_leftovers(script: Script, leftovers: str) -> None:
    if leftovers:
        script.fail(f"crawl returned while tasks it started were still pending: {leftovers}. Cancel them and "
                    "await them (asyncio.gather(*tasks, return_exceptions=True)) in a finally block before "
                    "returning: a cancelled task that was not awaited is still pending.", show_got=False)


# --------------------------------------------------------------------------------------------------
# Webs chosen by hypothesis: trees, so that every URL's depth is the same whatever order calls end in

LINK_FORMS = (
    lambda path: f"{A}/{path}",
    lambda path: path,
    lambda path: f"/{path}",
    lambda path: f"./{path}",
    lambda path: f"{path}#top",
)
# Links a tree keeps: back to the root (seen first), to the page itself, and to other hosts, which the
# concurrent tests never follow (same_host=True) so that no URL is reachable at two depths.
EXTRA_LINKS = ("/", "#main", f"{B}/", f"{B}/p1", "./#top", f"{A}/")
HEALTHY = ((200, "ok"),)
FAILING = (
    (200, "ok"), (200, "ok"), (404, "ok"), (301, "ok"),
    ([503, 200], "retry"), ([ConnectionResetError, 200], "retry"), (500, "always"), ("hang", "always"),
    (ValueError, "always"),
)


@st.composite
def tree_webs(draw, outcomes=HEALTHY, latencies=(0.0,)):
    """A page tree under http://a.test/: every page is linked from one parent, plus links back to the root,
    to other hosts and to fragments of itself, which a crawl must skip."""
    fanouts = draw(st.lists(st.integers(0, 3), min_size=1, max_size=8))
    # How each link is spelled changes nothing in the crawl, so a seeded RNG picks it: fewer draws, faster tests.
    rng = random.Random(draw(st.integers(0, 255)))
    children: dict = {f"{A}/": []}
    queue = [f"{A}/"]
    for index, fanout in enumerate(fanouts):
        if index >= len(queue):
            break
        for _ in range(fanout):
            child = f"{A}/p{len(queue)}"
            queue.append(child)
            children[queue[index]].append(child)
            children[child] = []
    behaviours = [(outcome, latency) for outcome in outcomes for latency in latencies]
    drawn = draw(st.lists(st.sampled_from(behaviours), min_size=len(queue), max_size=len(queue)))
    pages = {}
    for url, ((status, kind), latency) in zip(queue, drawn):
        links = [rng.choice(LINK_FORMS)(child.rsplit("/", 1)[1]) for child in children[url]]
        links += rng.sample(EXTRA_LINKS, rng.randrange(3))
        rng.shuffle(links)
        answer = (status, links, latency) if latency else (status, links)
        if kind == "ok":
            pages[url] = answer
        elif kind == "retry":
            first, last = status
            pages[url] = [(first, []) if isinstance(first, int) else first,
                          (last, links, latency) if latency else (last, links)]
        else:
            pages[url] = answer if isinstance(status, int) else status
    return pages


# ==================================================================================================
# Level 1: breadth-first crawl


@scored(points=6, level=1)
def test_pages_are_fetched_breadth_first_in_discovery_order():
    web_pages = {
        f"{A}/": (200, ["a", "b", "c"]),
        f"{A}/a": (200, ["a1", "a2"]),
        f"{A}/b": (200, ["b1"]),
        f"{A}/c": (200, []),
        f"{A}/a1": (200, ["a1x"]),
        f"{A}/b1": (200, []),
    }
    for start, options in ((f"{A}/", {"concurrency": 1}), ([f"{A}/c", f"{A}/"], {"concurrency": 1, "max_depth": 2})):
        script = Script()
        web = FakeWeb(web_pages)
        got, _, _ = crawl_on(script, web, start, **options)
        model = model_crawl(web, start, **options)
        expect_breadth_first_calls(script, web, model)
        expect_results(script, got, model)


@scored(points=5, level=1)
def test_nothing_deeper_than_max_depth_is_fetched():
    chain = {f"{A}/": (200, ["d1"]), f"{A}/d1": (200, ["d2"]), f"{A}/d2": (200, ["d3"]), f"{A}/d3": (200, ["d4"]),
             f"{A}/d4": (200, ["d5"])}
    for max_depth in range(0, 4):
        script = Script()
        web = FakeWeb(chain)
        got, _, _ = crawl_on(script, web, f"{A}/", max_depth=max_depth)
        expect_results(script, got, model_crawl(web, f"{A}/", max_depth=max_depth),
                       "Start URLs have depth 0 and a link found on a page of depth d has depth d + 1; pages up "
                       "to max_depth (included) are fetched, their links beyond it are not.")


@scored(points=5, level=1)
def test_each_url_is_fetched_once():
    webs = [
        ({f"{A}/": (200, ["x", "y"]), f"{A}/x": (200, ["y", "/"]), f"{A}/y": (200, ["x", "y", "x"])}, f"{A}/"),
        ({f"{A}/": (200, ["s", "s", "/", "./s"]), f"{A}/s": (200, [f"{A}/s", f"{A}/"])}, [f"{A}/", f"{A}/", f"{A}/s"]),
    ]
    for pages, start in webs:
        for concurrency in (1, 3):
            script = Script()
            web = FakeWeb(pages, latency=0.5)
            fetch = AsyncMock(side_effect=web.fetch)
            got, _, _ = crawl_on(script, web, start, fetch=fetch, concurrency=concurrency)
            awaited = Counter(call.args[0] for call in fetch.await_args_list)
            for url, times in awaited.items():
                if times > 1:
                    script.fail(f"fetch({url!r}) was called {times} times, but every page here answers at the "
                                "first attempt: a URL found again (a cycle, a second link, a second start URL) "
                                "must not be fetched again. Keep a set of the URLs already queued.", show_got=False)
            expect_results(script, got, model_crawl(web, start, concurrency=concurrency))


@scored(points=5, level=1)
def test_links_are_resolved_against_the_page_and_fragments_dropped():
    pages = {
        f"{A}/": (200, ["docs/", "#top", f"{A}/#footer"]),
        f"{A}/docs/": (200, ["intro", "../about#team", "/docs/intro#part-2", "?page=2", "./intro"]),
        f"{A}/docs/intro": (200, ["api", "#section"]),
        f"{A}/about": (200, []),
        f"{A}/docs/?page=2": (200, []),
    }
    script = Script()
    web = FakeWeb(pages)
    got, _, _ = crawl_on(script, web, f"{A}/", concurrency=1)
    expect_results(script, got, model_crawl(web, f"{A}/"),
                   "A link is resolved with urllib.parse.urljoin(page_url, link), then its #fragment dropped "
                   "(urllib.parse.urldefrag): '#top' on a page is that same page, fetched already.")


@scored(points=4, level=1)
def test_max_pages_caps_the_urls_fetched():
    wide = {f"{A}/": (200, [f"n{i}" for i in range(6)])}
    wide.update({f"{A}/n{i}": (200, [f"n{i}/m{j}" for j in range(2)]) for i in range(6)})
    for max_pages in (1, 3, 8):
        for concurrency in (1, 4):
            script = Script()
            web = FakeWeb(wide, latency=0.25)
            got, _, _ = crawl_on(script, web, f"{A}/", max_pages=max_pages, concurrency=concurrency)
            fetched = len({call.url for call in web.calls})
            if fetched > max_pages:
                script.fail(f"fetch was called for {fetched} different URLs, but max_pages={max_pages}. A URL counts "
                            "from its first call: stop queueing new URLs once max_pages are queued or fetched, "
                            "not when max_pages have finished.", show_got=False)
            if concurrency == 1:
                expect_results(script, got, model_crawl(web, f"{A}/", max_pages=max_pages),
                               f"With concurrency=1 the {max_pages} URLs fetched are the first {max_pages} discovered.")
            elif len(got) != max_pages:
                script.fail(f"The result has {len(got)} URLs; this web has more than max_pages={max_pages} URLs "
                            "within reach, so exactly max_pages of them are fetched.", show_got=False)


@scored(points=4, level=1)
def test_same_host_keeps_the_crawl_on_the_start_hosts():
    pages = {
        f"{A}/": (200, [f"{B}/", "http://a.test:8080/port", "HTTP://A.TEST/upper", "https://a.test/secure",
                        "http://c.test/", "local"]),
        f"{A}/local": (200, []),
        f"{B}/": (200, [f"{A}/from-b", "http://c.test/from-b"]),
    }
    for start in (f"{A}/", [f"{A}/", f"{B}/"]):
        for same_host in (True, False):
            script = Script()
            web = FakeWeb(pages)
            got, _, _ = crawl_on(script, web, start, same_host=same_host, max_depth=2)
            expect_results(script, got, model_crawl(web, start, same_host=same_host, max_depth=2),
                           "With same_host=True a link is followed only if its host name "
                           "(urllib.parse.urlsplit(url).hostname: no port, lower case) is the host name of a start "
                           "URL; with same_host=False every link is followed.")


@scored(points=3, level=1)
def test_links_are_followed_only_from_pages_below_400():
    pages = {
        f"{A}/": (200, ["gone", "moved", "missing", "teapot", "bad", "odd"]),
        f"{A}/gone": (410, ["from-gone"]),
        f"{A}/moved": (301, ["from-moved"]),
        f"{A}/teapot": (418, ["from-teapot"]),
        f"{A}/bad": (400, ["from-bad"]),
        f"{A}/odd": (399, ["from-odd"]),
    }
    script = Script()
    web = FakeWeb(pages)
    got, _, _ = crawl_on(script, web, f"{A}/")
    expect_results(script, got, model_crawl(web, f"{A}/"),
                   "A page whose status is 400 or more (400 included) is an error page: its links are not "
                   "followed. A page below 400, 3xx included, has its links followed.")


@scored(points=6, level=1)
@settings(SETTINGS, max_examples=20)
@given(pages=tree_webs(outcomes=((200, "ok"), (200, "ok"), (404, "ok"), (301, "ok"))),
       max_depth=st.integers(0, 3), max_pages=st.integers(1, 12), same_host=st.booleans())
def test_a_sequential_crawl_matches_a_breadth_first_model(pages, max_depth, max_pages, same_host):
    script = Script()
    web = FakeWeb(pages)
    options = {"max_depth": max_depth, "max_pages": max_pages, "concurrency": 1, "same_host": same_host}
    got, _, _ = crawl_on(script, web, f"{A}/", **options)
    model = model_crawl(web, f"{A}/", **options)
    expect_breadth_first_calls(script, web, model)
    expect_results(script, got, model)


DEFAULTS = ("Called without options, crawl uses the defaults of its signature: max_pages=100, max_depth=3, "
            "concurrency=5, max_requests=10, per_seconds=1.0, timeout=10.0, retries=2, same_host=True.")


@scored(points=3, level=1)
def test_options_left_out_take_their_defaults_for_what_is_fetched():
    chain = {f"{A}/": (200, ["d1", f"{B}/"]), f"{A}/d1": (200, ["d2"]), f"{A}/d2": (200, ["d3"]),
             f"{A}/d3": (200, ["d4"]), f"{A}/d4": (200, ["d5"])}
    script = Script()
    web = FakeWeb(chain)
    got, _, _ = crawl_on(script, web, f"{A}/")
    expect_results(script, got, model_crawl(web, f"{A}/"), DEFAULTS)
    wide = {f"{A}/": (200, [f"n{i}" for i in range(120)])}
    script = Script()
    web = FakeWeb(wide, shown="web = {'http://a.test/': (200, [f'n{i}' for i in range(120)])}")
    got, _, _ = crawl_on(script, web, f"{A}/")
    fetched = len({call.url for call in web.calls})
    if fetched != 100:
        script.fail(f"fetch was called for {fetched} different URLs; the start page links to 120 pages, and "
                    f"max_pages defaults to 100, so exactly 100 URLs are fetched. {DEFAULTS}", show_got=False)
    expect_results(script, got, model_crawl(web, f"{A}/"), DEFAULTS)


# ==================================================================================================
# Level 2: concurrency cap and rate limit


def _t(seconds: float) -> str:
    """A time for a message, rounded to the millisecond: the same words every run, even for code that (wrongly)
    mixes the wall clock into the virtual one."""
    return f"{round(seconds, 3):g}"


def expect_in_flight_at_most(script: Script, web: FakeWeb, concurrency: int, default: str = "") -> None:
    if len(web.peak) > concurrency:
        urls = [call.url for call in web.peak]
        script.fail(f"At t={_t(web.peak_time)}, {len(web.peak)} calls of fetch were in flight at once ({urls}), but "
                    f"concurrency={concurrency}{default}. Hold a slot for the whole call (an asyncio.Semaphore, or a "
                    "pool of exactly `concurrency` workers), retries included.", show_got=False)


def expect_windows_hold(script: Script, web: FakeWeb, max_requests: int, per_seconds: float,
                        default: str = "") -> None:
    starts = sorted(call.start for call in web.calls)
    for first, last in zip(starts, starts[max_requests:]):
        if last - first < per_seconds - EPSILON:
            when = f"at t={_t(first)}" if first == last else f"between t={_t(first)} and t={_t(last)}"
            script.fail(f"{max_requests + 1} calls of fetch started {when}, within one window of "
                        f"per_seconds={per_seconds:g} s, but max_requests={max_requests}{default}. The limit is a "
                        "sliding window: a call may start only if fewer than max_requests calls started in the "
                        "per_seconds before it. A token bucket that starts full lets a burst plus its refill "
                        "through; keep the start times of the last max_requests calls and wait until the oldest is "
                        "per_seconds old. Retries count too.", show_got=False)


def star_schedule(links: int, latency: float, concurrency: int, max_requests: int, per_seconds: float) -> list:
    """The start times of the fastest crawl of a start page that links to `links` pages, every page answering
    after `latency`: call k (the start page is call 0) waits only for the start page's links, for a free slot
    (call k - concurrency has ended) and for room in the window (call k - max_requests is per_seconds old)."""
    starts = [0.0]
    for k in range(1, links + 1):
        at = latency
        if k >= concurrency:
            at = max(at, starts[k - concurrency] + latency)
        if k >= max_requests:
            at = max(at, starts[k - max_requests] + per_seconds)
        starts.append(at)
    return starts


def expect_starts_on_schedule(script: Script, web: FakeWeb, schedule: list, situation: str, *, concurrency: int,
                              max_requests: int, per_seconds: float) -> None:
    """No call starts later than the fastest schedule the rules allow (earlier is the other checks' business)."""
    calls = sorted(web.calls, key=lambda call: call.start)
    late = next((k for k, (call, at) in enumerate(zip(calls, schedule)) if call.start > at + EPSILON), None)
    if late is None:
        if len(calls) >= len(schedule):
            return
        late = len(calls)  # a call that never happened is late too; not reached when the results are right
    at = schedule[late]
    started = "never started" if late >= len(calls) else f"({calls[late].url!r}) started at t={_t(calls[late].start)}"
    in_flight = sum(1 for call in calls if call.start <= at + EPSILON and (call.end is None or call.end > at + EPSILON))
    in_window = sum(1 for call in calls if at - per_seconds + EPSILON < call.start <= at + EPSILON)
    waited_for_a_call = late < len(calls) and any(
        call.start <= at + EPSILON and call.end is not None and call.end > at + EPSILON
        and abs(call.end - calls[late].start) <= EPSILON for call in calls)
    if len(web.peak) < concurrency and waited_for_a_call:
        cause = (f"The crawl never had more than {len(web.peak)} call(s) in flight at once: run up to `concurrency` "
                 "calls at the same time (several workers, or asyncio.create_task), not one after the other.")
    elif in_window == 0:
        cause = ("No call had started in the window and no slot was taken, so nothing should hold a call back: a "
                 "first attempt waits for nothing (the backoff comes only before retries), and an empty window "
                 "never makes a call wait.")
    else:
        cause = ("Wait only as long as the window requires: until the oldest of the last max_requests starts is "
                 "per_seconds old; not a whole window from now, not a fixed pause after every batch, and not a "
                 "pace that spreads the calls evenly over the window.")
    script.fail(f"{situation} Call {late + 1} of fetch {started}, but it could start at t={_t(at)}: at that moment "
                f"{in_flight} call(s) were in flight (concurrency={concurrency}) and {in_window} call(s) had started "
                f"in the {per_seconds:g} s before (max_requests={max_requests}). A call waits only for a free slot, "
                f"for room in the window, or for its backoff. {cause}", show_got=False)


def expect_return_with_the_last_call(script: Script, web: FakeWeb, end: float) -> None:
    last = max((call.end for call in web.calls if call.end is not None), default=0.0)
    if end > last + EPSILON:
        script.fail(f"The last call of fetch ended at t={_t(last)}, but crawl returned only at t={_t(end)}: with "
                    "nothing left to fetch, crawl returns at once (await queue.join(), or the workers' end), "
                    "without a pause or a polling interval.", show_got=False)


@scored(points=6, level=2)
@settings(SETTINGS, max_examples=12)
@given(pages=tree_webs(outcomes=FAILING, latencies=(0.0, 0.05, 0.5, 1.5)), concurrency=st.integers(1, 4))
@example(pages={f"{A}/": (200, ["p1", "p2", "p3", "p4"])}, concurrency=2)
def test_no_more_than_concurrency_calls_are_in_flight(pages, concurrency):
    script = Script()
    web = FakeWeb(pages, latency=0.25)
    options = {"concurrency": concurrency, "max_requests": 50, "timeout": 2.0, "retries": 1}
    fetch = AsyncMock(side_effect=web.fetch)
    got, _, _ = crawl_on(script, web, f"{A}/", fetch=fetch, **options)
    expect_in_flight_at_most(script, web, concurrency)
    expect_calls_match_results(script, web, got)
    expect_results(script, got, model_crawl(web, f"{A}/", **options))


@scored(points=4, level=2)
def test_the_concurrency_cap_is_used_not_just_respected():
    pages = {f"{A}/": (200, [f"c{i}" for i in range(12)])}
    for concurrency in (2, 3, 5):
        script = Script()
        web = FakeWeb(pages, latency=1.0)
        options = {"concurrency": concurrency, "max_requests": 100}
        got, end, _ = crawl_on(script, web, f"{A}/", **options)
        expect_in_flight_at_most(script, web, concurrency)
        expect_results(script, got, model_crawl(web, f"{A}/", **options))
        expect_starts_on_schedule(
            script, web, star_schedule(12, 1.0, concurrency, 100, 1.0),
            f"Every page takes 1 s and the start page links to 12 pages; with concurrency={concurrency} they are "
            f"fetched {concurrency} at a time, and the crawl can end at t={1 + math.ceil(12 / concurrency)}.",
            concurrency=concurrency, max_requests=100, per_seconds=1.0)
        expect_return_with_the_last_call(script, web, end)


@scored(points=7, level=2)
@settings(SETTINGS, max_examples=20)
@given(pages=tree_webs(outcomes=FAILING[:6], latencies=(0.0, 0.0, 0.1, 0.7)), concurrency=st.integers(1, 6),
       max_requests=st.integers(1, 4), per_seconds=st.sampled_from([0.5, 1.0, 2.5]))
@example(pages={f"{A}/": (200, ["p1", "p2", "p3", "p4", "p5"])}, concurrency=3, max_requests=2, per_seconds=1.0)
def test_no_window_of_per_seconds_holds_more_than_max_requests_starts(pages, concurrency, max_requests, per_seconds):
    script = Script()
    web = FakeWeb(pages)
    options = {"concurrency": concurrency, "max_requests": max_requests, "per_seconds": per_seconds}
    got, _, _ = crawl_on(script, web, f"{A}/", **options)
    expect_windows_hold(script, web, max_requests, per_seconds)
    expect_in_flight_at_most(script, web, concurrency)
    expect_results(script, got, model_crawl(web, f"{A}/", **options))


@scored(points=5, level=2)
@settings(SETTINGS, max_examples=12)
@given(pages=tree_webs(), concurrency=st.integers(1, 6), max_requests=st.integers(1, 5),
       per_seconds=st.sampled_from([0.5, 1.0, 3.0]))
@example(pages={f"{A}/": (200, ["p1", "p2", "p3", "p4", "p5"])}, concurrency=2, max_requests=5, per_seconds=1.0)
def test_an_instant_web_is_crawled_on_the_fastest_schedule_the_limit_allows(pages, concurrency, max_requests,
                                                                            per_seconds):
    script = Script()
    web = FakeWeb(pages)
    options = {"concurrency": concurrency, "max_requests": max_requests, "per_seconds": per_seconds}
    got, end, _ = crawl_on(script, web, f"{A}/", **options)
    expect_windows_hold(script, web, max_requests, per_seconds)
    model = model_crawl(web, f"{A}/", **options)
    expect_results(script, got, model)
    # Pages answer at once, so every link is known as soon as its page is called: call k (from 0) can start at
    # (k // max_requests) * per_seconds, whatever the concurrency.
    schedule = [k // max_requests * per_seconds for k in range(len(model.order))]
    expect_starts_on_schedule(
        script, web, schedule, f"The pages answer at once, and max_requests={max_requests} calls may start per "
        f"per_seconds={per_seconds:g} s: {max_requests} at t=0, {max_requests} more at t={per_seconds:g}, and so on.",
        concurrency=concurrency, max_requests=max_requests, per_seconds=per_seconds)
    expect_return_with_the_last_call(script, web, end)


@scored(points=3, level=2)
def test_a_call_starts_as_soon_as_the_window_has_room():
    for latency, concurrency, max_requests in ((0.3, 12, 4), (0.4, 3, 4), (0.7, 2, 3)):
        script = Script()
        web = FakeWeb({f"{A}/": (200, [f"c{i}" for i in range(12)])}, latency=latency)
        options = {"concurrency": concurrency, "max_requests": max_requests, "per_seconds": 1.0}
        got, _, _ = crawl_on(script, web, f"{A}/", **options)
        expect_windows_hold(script, web, max_requests, 1.0)
        expect_in_flight_at_most(script, web, concurrency)
        expect_results(script, got, model_crawl(web, f"{A}/", **options))
        expect_starts_on_schedule(
            script, web, star_schedule(12, latency, concurrency, max_requests, 1.0),
            f"Every page takes {latency:g} s and the start page links to 12 pages.", **options)


@scored(points=3, level=2)
def test_options_left_out_take_their_defaults_for_how_fast():
    script = Script()
    web = FakeWeb({f"{A}/": (200, [f"c{i}" for i in range(12)])}, latency=1.0)
    got, _, _ = crawl_on(script, web, f"{A}/")
    expect_in_flight_at_most(script, web, 5, default=", its default")
    expect_results(script, got, model_crawl(web, f"{A}/"), DEFAULTS)
    expect_starts_on_schedule(
        script, web, star_schedule(12, 1.0, 5, 10, 1.0),
        f"Every page takes 1 s and the start page links to 12 pages; crawl was called without concurrency, which "
        "defaults to 5, so they are fetched 5 at a time, and the crawl can end at t=4.",
        concurrency=5, max_requests=10, per_seconds=1.0)
    script = Script()
    web = FakeWeb({f"{A}/": (200, [f"p{i}" for i in range(24)])})
    got, _, _ = crawl_on(script, web, f"{A}/")
    expect_windows_hold(script, web, 10, 1.0, default=" by default")
    expect_results(script, got, model_crawl(web, f"{A}/"), DEFAULTS)
    expect_starts_on_schedule(
        script, web, [k // 10 * 1.0 for k in range(25)],
        "The pages answer at once, and crawl was called without max_requests and per_seconds, which default to 10 "
        "calls per 1.0 s: 10 calls at t=0, 10 at t=1, and the last 5 at t=2.",
        concurrency=5, max_requests=10, per_seconds=1.0)


# ==================================================================================================
# Level 3: timeouts, retries and failures


@scored(points=6, level=3)
def test_a_call_that_does_not_answer_in_time_is_cancelled():
    pages = {
        f"{A}/": (200, ["hangs", "slow", "in-time", "after"]),
        f"{A}/hangs": "hang",
        f"{A}/slow": (200, ["never-seen"], 30.0),
        f"{A}/in-time": (200, ["later"], 1.5),
    }
    for retries in (0, 2):
        script = Script()
        web = FakeWeb(pages)
        options = {"timeout": 2.0, "retries": retries}
        got, _, _ = crawl_on(script, web, f"{A}/", hint="A page that never answers needs a timeout: wrap each call "
                             "in asyncio.wait_for(fetch(url), timeout) (or async with asyncio.timeout(timeout)).",
                             **options)
        for call in web.calls:
            if call.outcome == "running" or (call.end - call.start > 2.0 + EPSILON):
                until = "the end of the crawl" if call.end is None else f"t={_t(call.end)}"
                script.fail(f"fetch({call.url!r}) started at t={_t(call.start)} and was still running at {until} "
                            "although timeout=2.0: a call that has not returned after `timeout` seconds is "
                            "cancelled (asyncio.wait_for does it).", show_got=False)
            if call.url in (f"{A}/hangs", f"{A}/slow") and call.outcome != "cancelled":
                script.fail(f"fetch({call.url!r}) was not cancelled after timeout=2.0 s.", show_got=False)
            if call.outcome == "cancelled" and abs(call.end - call.start - 2.0) > EPSILON:
                script.fail(f"fetch({call.url!r}) started at t={_t(call.start)} and was cancelled at t={_t(call.end)}; "
                            "with timeout=2.0 it must be cancelled exactly 2.0 s after it started, not earlier "
                            "and not later.", show_got=False)
        expect_results(script, got, model_crawl(web, f"{A}/", **options),
                       "A timeout is a failed attempt: status None, error 'TimeoutError', retried like any error.")


@scored(points=5, level=3)
def test_failed_attempts_are_retried_after_a_doubling_backoff():
    pages = {
        f"{A}/": (200, ["flaky", "reset", "down", "thrice"]),
        f"{A}/flaky": [(503, []), (500, []), (200, ["ok"])],
        f"{A}/reset": [ConnectionResetError, (200, [])],
        f"{A}/down": (502, ["never-seen"]),
        f"{A}/thrice": [TimeoutError, ConnectionRefusedError, OSError, (200, [])],
    }
    for retries in (1, 3):
        script = Script()
        web = FakeWeb(pages, latency=0.25)
        options = {"retries": retries, "concurrency": 5, "max_requests": 100}
        got, _, _ = crawl_on(script, web, f"{A}/", **options)
        for url in pages:
            calls = web.calls_of(url)
            for number, (before, after) in enumerate(zip(calls, calls[1:]), start=1):
                wait = 0.1 * 2 ** (number - 1)
                gap = after.start - before.end
                # Exactly the backoff: no slot or window holds a call back in this crawl.
                if abs(gap - wait) > EPSILON:
                    script.fail(f"Attempt {number} of fetch({url!r}) failed at t={_t(before.end)} and attempt "
                                f"{number + 1} started at t={_t(after.start)}, {_t(gap)} s later; retry {number} waits "
                                f"{wait:g} s (0.1 s before the first retry, doubling each time: 0.1, 0.2, 0.4, ...), "
                                "counted from the end of the failed attempt. Nothing else holds calls back in this "
                                "crawl (a free slot, room in the window), so the retry starts exactly then.",
                                show_got=False)
        expect_results(script, got, model_crawl(web, f"{A}/", **options),
                       f"A status of 500 or more or an exception is retried, up to retries={retries} times, and "
                       "`attempts` counts every call; the result holds the final attempt's status or error.")


@scored(points=4, level=3)
def test_a_status_below_500_is_final():
    statuses = (200, 204, 301, 400, 404, 410, 429, 451, 499, 500, 502, 503, 599)
    pages = {f"{A}/": (200, [f"s{status}" for status in statuses])}
    pages.update({f"{A}/s{status}": (status, []) for status in statuses})
    script = Script()
    web = FakeWeb(pages)
    got, _, _ = crawl_on(script, web, f"{A}/", retries=2, max_requests=100)
    expect_results(script, got, model_crawl(web, f"{A}/", retries=2),
                   "Only a status of 500 or more (a server error) and an exception are retried; every status below "
                   "500, 404 and 429 included, is final at the first attempt.")


@scored(points=4, level=3)
def test_errors_are_recorded_by_exception_type_name_and_never_stop_the_crawl():
    pages = {
        f"{A}/": (200, ["bad-value", "reset", "custom", "runtime", "good"]),
        f"{A}/bad-value": ValueError,
        f"{A}/reset": [ConnectionResetError, ConnectionResetError, (200, ["fine"])],
        f"{A}/custom": PageDecodeError,
        f"{A}/runtime": [RuntimeError, (503, [])],
        f"{A}/good": (200, ["deep"]),
    }
    for concurrency in (1, 3):
        script = Script()
        _show(script, "class PageDecodeError(Exception): pass")
        web = FakeWeb(pages)
        got, _, _ = crawl_on(script, web, f"{A}/", concurrency=concurrency, retries=2, hint=(
            "A call that raises must not end its worker or the crawl: catch Exception around the call, and "
            "call task_done() in a finally."))
        expect_results(script, got, model_crawl(web, f"{A}/", retries=2),
                       "Whatever a call raises is a failed attempt: catch Exception around the call, record "
                       "type(exc).__name__ as the error (None once a later attempt returns a page), and go on "
                       "with the other pages.")


@scored(points=3, level=3)
def test_options_left_out_take_their_defaults_for_failures():
    pages = {
        f"{A}/": (200, ["slow", "slower", "hangs", "down"]),
        f"{A}/slow": (200, [], 9.5),
        f"{A}/slower": (200, [], 10.5),
        f"{A}/hangs": "hang",
        f"{A}/down": (503, []),
    }
    script = Script()
    web = FakeWeb(pages)
    got, _, _ = crawl_on(script, web, f"{A}/")
    for call in web.calls:
        if call.outcome == "cancelled" and abs(call.end - call.start - 10.0) > EPSILON:
            script.fail(f"fetch({call.url!r}) started at t={_t(call.start)} and was cancelled at t={_t(call.end)}; "
                        "crawl was called without timeout, which defaults to 10.0, so a call is cancelled exactly "
                        "10 s after it starts.", show_got=False)
    expect_results(script, got, model_crawl(web, f"{A}/"),
                   "Called without options, crawl uses the defaults of its signature: timeout=10.0 (a page that "
                   "answers after 9.5 s is in time, one after 10.5 s is not) and retries=2 (three attempts in all).")


# ==================================================================================================
# Level 4: clean cancellation


@scored(points=4, level=4)
def test_no_task_is_left_running_when_the_crawl_returns():
    cases = [
        ({f"{A}/": (200, ["a", "b"]), f"{A}/a": (200, [])}, {"concurrency": 4}),
        ({f"{A}/": (200, ["h1", "h2", "ok"]), f"{A}/h1": "hang", f"{A}/h2": [(503, []), "hang"]},
         {"timeout": 1.0, "retries": 1, "concurrency": 3}),
        ({f"{A}/": (200, [f"p{i}" for i in range(10)])}, {"max_pages": 3, "concurrency": 2, "max_requests": 1}),
        ({}, {}),
    ]
    for pages, options in cases:
        script = Script()
        web = FakeWeb(pages, latency=0.5)
        _, _, leftovers = crawl_on(script, web, f"{A}/", **options)
        expect_no_leftovers(script, leftovers)
        if web.in_flight:
            script.fail(f"crawl returned while fetch({web.in_flight[0].url!r}) was still running.", show_got=False)


@scored(points=5, level=4)
def test_cancelling_a_crawl_stops_every_task_it_started():
    pages = {f"{A}/": (200, [f"p{i}" for i in range(8)])}
    pages.update({f"{A}/p{i}": (200, [f"p{i}/q{j}" for j in range(3)]) for i in range(8)})
    pages[f"{A}/p2"] = "hang"
    pages[f"{A}/p5"] = [(500, []), (200, [])]
    options = {"concurrency": 3, "max_requests": 4, "timeout": 3.0}
    # Cancel between events, never as a call returns: in Python 3.11, asyncio.wait_for swallows a cancellation
    # that arrives in the same loop iteration as the result (fixed in 3.12), and on a virtual clock such ties
    # are common where on a real one they are rare.
    for cancel_at in (0.0, 0.65, 1.05, 2.55):
        script = Script()
        web = FakeWeb(pages, latency=0.4)

        async def scenario():
            task = asyncio.ensure_future(solution().crawl(f"{A}/", web.fetch, **options))
            await asyncio.sleep(cancel_at)
            task.cancel()
            try:
                await task
            except asyncio.CancelledError:
                pass
            leftovers = virtual_time.pending_tasks()
            in_flight = [call.url for call in web.in_flight]
            calls = len(web.calls)
            await asyncio.sleep(60)
            return _tasks(leftovers) if leftovers else "", in_flight, len(web.calls) - calls

        _show(script, web.source())
        line = ("async def main():\n"
                f"{_call_source('    task = asyncio.ensure_future(', web, f'{A}/', options, ')')}\n"
                f"    await asyncio.sleep({cancel_at!r})\n"
                "    task.cancel()\n"
                "run(main())")
        leftovers, in_flight, later_calls = _run(script, web, line, scenario(), STUCK_HINT)
        if leftovers:
            script.fail(f"After the crawl was cancelled at t={_t(cancel_at)}, tasks it started were still pending: "
                        f"{leftovers}. Cancel and await them in a `finally:` block, which runs on cancellation too "
                        "(or use asyncio.TaskGroup).", show_got=False)
        if in_flight:
            script.fail(f"After the crawl was cancelled at t={_t(cancel_at)}, fetch({in_flight[0]!r}) was still "
                        "running: cancelling the crawl must cancel the calls it has in flight.", show_got=False)
        if later_calls:
            script.fail(f"The crawl was cancelled at t={_t(cancel_at)}, yet {later_calls} more call(s) of fetch "
                        "started afterwards: something it started kept crawling.", show_got=False)
