"""The practice loop: the history of attempts, timed sessions, progress, and getting the stub back."""
