# The settings area's words (en): see crates/web/src/ui/i18n.rs.
