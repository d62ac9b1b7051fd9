# The words area's words (he).
