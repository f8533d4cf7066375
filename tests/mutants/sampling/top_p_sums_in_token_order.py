"""top-p takes the running sum in token order, without sorting by probability first."""

EXPECT = "test_top_p_keeps_the_shortest_run_of_most_probable_tokens_reaching_p"
PATCH = [("    order = _ranked(logits)  # softmax is monotonic: ranking logits ranks probabilities\n",
          "    order = np.broadcast_to(np.arange(logits.shape[-1]), logits.shape)\n")]
