"""sample applies top-p to the whole distribution first, then top-k: the statement's order is top-k, then top-p."""

EXPECT = "test_filters_apply_after_temperature_in_the_order_top_k_then_top_p"
PATCH = [("""        if top_k is not None:
            scaled = top_k_filter(scaled, top_k)
        if top_p is not None:
            scaled = top_p_filter(scaled, top_p)
""", """        if top_p is not None:
            scaled = top_p_filter(scaled, top_p)
        if top_k is not None:
            scaled = top_k_filter(scaled, top_k)
""")]
SAYS = ['top-p is applied before top-k']
