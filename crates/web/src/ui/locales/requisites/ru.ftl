# The requisites area's words (issue 21).
