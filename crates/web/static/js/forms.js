// The forms area's script (issue 19).
