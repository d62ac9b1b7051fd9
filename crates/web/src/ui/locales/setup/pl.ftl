# The setup area's words (pl): see crates/web/src/ui/i18n.rs.
