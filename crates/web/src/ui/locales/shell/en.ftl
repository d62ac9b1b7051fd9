# The shell area's words (en).
