"""The member's side of consultation in the app (issue 12, docs/consultation.md): the comment
editor, the comments panel, the poll form (:mod:`.widgets`) and the part that drives them through
the task layer (:mod:`.part`)."""
