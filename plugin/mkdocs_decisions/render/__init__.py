"""Everything that turns an archive into output: reports now, pages and graphs later."""
