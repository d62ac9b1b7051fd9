# The settings area's words (he): see crates/web/src/ui/i18n.rs.
