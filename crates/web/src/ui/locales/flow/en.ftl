# The flow area's words (en).
