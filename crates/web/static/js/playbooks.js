// The playbooks area's script (issue 19).
