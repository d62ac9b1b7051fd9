// The supplier's purchase (issue 21): no script; the forms work without it.
