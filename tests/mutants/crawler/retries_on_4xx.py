"""Every error status is retried, 404 and 429 included, not only 500 and above."""

EXPECT = "test_a_status_below_500_is_final"
PATCH = [("                if status < 500:\n                    break",
          "                if status < 400:\n                    break")]
