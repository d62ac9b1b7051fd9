# The words area's words (cs).
