// The setup area's script (issue 19).
