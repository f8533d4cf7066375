"""sample returns the argmax for temperature 0 before checking top_k and top_p, so bad filters pass silently."""

EXPECT = "test_bad_sampling_arguments_are_rejected"
PATCH = [("""    if top_k is not None and top_k < 1:
        raise ValueError""", """    if temperature == 0:
        greedy = np.argmax(np.asarray(logits), axis=-1)
        return int(greedy) if np.ndim(logits) == 1 else greedy
    if top_k is not None and top_k < 1:
        raise ValueError""")]
