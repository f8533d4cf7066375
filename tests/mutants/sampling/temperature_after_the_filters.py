"""sample filters the raw logits and divides by the temperature afterwards, so top-p sees the wrong distribution."""

EXPECT = "test_filters_apply_after_temperature_in_the_order_top_k_then_top_p"
PATCH = [("""        scaled = logits / temperature
        if top_k is not None:
            scaled = top_k_filter(scaled, top_k)
        if top_p is not None:
            scaled = top_p_filter(scaled, top_p)
""", """        scaled = logits
        if top_k is not None:
            scaled = top_k_filter(scaled, top_k)
        if top_p is not None:
            scaled = top_p_filter(scaled, top_p)
        scaled = scaled / temperature
""")]
SAYS = ['before the temperature is applied']
