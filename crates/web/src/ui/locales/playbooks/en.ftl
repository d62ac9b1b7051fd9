# The playbooks area's words (en): see crates/web/src/ui/i18n.rs.
playbooks-title = Playbooks
playbooks-hint = Each playbook is the company's process. New inquiries start on the running version; inquiries already under way keep the version they started with.
playbooks-default = default
playbooks-version = Version
playbooks-loaded-when = Loaded
playbooks-loaded-by = By
playbooks-running = running
playbooks-edit = Edit
playbooks-open = Open
playbooks-by-pronto = Pronto (at start)
playbooks-valid = No problems: this text can be loaded.
playbooks-problems = { $n ->
    [one] 1 problem: fix it before loading.
   *[other] { $n } problems: fix them before loading.
}
playbooks-loaded = Version { $v } is running now; new inquiries start on it.
playbooks-went-back = Back to version { $v }: its text is running now as version { $n }.
playbooks-not-loaded = Not loaded: the text has problems (shown on their lines). Your text is kept.
playbooks-no-such-version = There is no version { $v } of this playbook.
playbooks-editing-running = The text of version { $v }, which is running.
playbooks-editing-old = The text of the old version { $v } (version { $n } is running).
playbooks-line = Line
playbooks-text = The playbook's text (TOML)
playbooks-load = Load as the next version
playbooks-diagram = Diagram
playbooks-changes = Changes from the running version { $v }
playbooks-no-changes = No changes.
playbooks-versions = Versions
playbooks-go-back = Go back to this version
