# The forms area's words (cs): see crates/web/src/ui/i18n.rs.
