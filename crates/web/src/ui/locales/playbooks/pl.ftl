# The playbooks area's words (pl): see crates/web/src/ui/i18n.rs.
