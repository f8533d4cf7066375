"""Hosts are compared by netloc instead of host name, so http://a.test:8080/ and HTTP://A.TEST/ count as
other hosts although their host name is a.test."""

EXPECT = "test_same_host_keeps_the_crawl_on_the_start_hosts"
PATCH = [
    ("hosts = {urlsplit(url).hostname for url in starts}", "hosts = {urlsplit(url).netloc for url in starts}"),
    ("if not same_host or urlsplit(absolute).hostname in hosts:",
     "if not same_host or urlsplit(absolute).netloc in hosts:"),
]
