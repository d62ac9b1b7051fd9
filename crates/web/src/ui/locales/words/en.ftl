# The words area's words (en).
