"""The same_host option is ignored: links to other hosts are followed too."""

EXPECT = "test_same_host_keeps_the_crawl_on_the_start_hosts"
PATCH = [("if not same_host or urlsplit(absolute).hostname in hosts:", "if True:")]
