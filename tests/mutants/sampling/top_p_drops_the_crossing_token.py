"""top-p keeps the tokens whose running sum is <= p, dropping the one that makes it reach p (even the first)."""

EXPECT = "test_top_p_keeps_the_shortest_run_of_most_probable_tokens_reaching_p"
PATCH = [("    np.put_along_axis(kept, order, before < p, axis=-1)",
          "    np.put_along_axis(kept, order, np.cumsum(ranked, axis=-1) <= p, axis=-1)")]
SAYS = ['reach p']
