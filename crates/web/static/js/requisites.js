// The requisites area (issue 21).
