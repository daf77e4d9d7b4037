<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en">
<context>
    <name>About</name>
    <message>
        <location filename="../../src/paperless/gui/dialogs/about.py" line="+14"/>
        <source>About Paperless</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Paperless %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A secure, offline reader for paperless committee meetings. Session files are signed by the office and encrypted for each member; nothing decrypted is ever written to this computer&apos;s disk.

Licence: GNU AGPL version 3 or later. Fonts: Noto Sans (SIL Open Font Licence).</source>
        <translation></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Close</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>Actions</name>
    <message>
        <location filename="../../src/paperless/gui/actions.py" line="+154"/>
        <source>&amp;File</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open a session file…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Recent sessions</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sessions on this &amp;computer</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Close the session</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Trust an office card…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save my public card…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Export annotated PDF…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Export my &amp;notes…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Connect to the office ser&amp;ver…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>S&amp;ync my notes now</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Fetch new sessions</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My &amp;devices…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Clerk&apos;s &amp;workspace…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Lock now</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Quit</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Bookmark this page</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;View</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Search the whole session</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom &amp;in</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom &amp;out</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit &amp;width</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit &amp;page</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Actual size</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Night reading mode</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>F&amp;ull screen</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A&amp;genda</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My &amp;notes</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Comments to the office</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Thumbnails</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>O&amp;utline</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Language</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About Paperless</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../../src/paperless/gui/action_state.py" line="+82"/>
        <source>Open a session file you received from the office</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the sessions already opened on this computer</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close this session and go back to the list of sessions</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Accept session files signed by an office, after checking its fingerprint</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save your public card to a file, to give it to the office</source>
        <translation></translation>
    </message>
    <message>
        <location line="-24"/>
        <source>Save a copy of this document with your annotations, readable by other programs (not protected)</source>
        <translation></translation>
    </message>
    <message>
        <location line="-14"/>
        <source>This session has expired: its documents can no longer be printed or exported</source>
        <translation>This session has expired: its documents can no longer be printed or exported</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This document is classified: it may not be copied, printed or exported</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The office does not allow copying this session&apos;s text</source>
        <translation>The office does not allow copying this session&apos;s text</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The office does not allow printing or exporting this session&apos;s documents</source>
        <translation>The office does not allow printing or exporting this session&apos;s documents</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Save all your notes of this session as one document (not protected)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Bookmark the page you are reading</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide your notes, bookmarks and annotations on the right</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide your comments to the office on drafts and the polls of this session</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Close Paperless</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hide the documents now; your passphrase is asked to go on</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Keep your notes in step between your computers through the office server, with the file the office gave you</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send and fetch your notes through the office server now</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+4"/>
        <source>Connect to the office server first (File menu)</source>
        <translation></translation>
    </message>
    <message>
        <location line="-3"/>
        <source>The computers that hold your notes; revoke a lost one</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Prepare, publish and follow a session for the committee</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Download the sessions the office published for you on its server</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Show or hide the search across every document of the session</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make the page bigger</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make the page smaller</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Make the page as wide as the window</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the whole page in the window</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the page at its printed size</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Light text on a dark page, easier on the eyes at night</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show only the document, on the whole screen</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide the agenda on the left</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide small pictures of the pages</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show or hide the document&apos;s table of contents</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The version of Paperless and its licence</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../../src/paperless/gui/actions.py" line="+1"/>
        <source>&amp;Print…</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../../src/paperless/gui/action_state.py" line="-55"/>
        <source>Print this document with the watermark and your annotations</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>AgendaPage</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/agenda_page.py" line="+128"/>
        <source>Agenda</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>AgendaPanel</name>
    <message>
        <location filename="../../src/paperless/gui/agenda.py" line="+347"/>
        <source>Mark as unread</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mark as read</source>
        <translation></translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+1"/>
        <source>Agenda</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Items and their documents. Press Enter to open a document.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>No session is open.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1 unread documents</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>This session expired on %1; documents can no longer be opened.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Written opinion poll: %1</source>
        <translation>Written opinion poll: %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the poll to answer it (by %1)</source>
        <translation>Open the poll to answer it (by %1)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Presented by %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Restricted to: %1</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>Annotating</name>
    <message>
        <location filename="../../src/paperless/gui/viewer/annotation_make.py" line="+120"/>
        <source>The text of this page could not be read: nothing was marked.</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>AnnotationEditing</name>
    <message>
        <location filename="../../src/paperless/gui/viewer/annotation_edit.py" line="+138"/>
        <source>Note</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Comment</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>AnnotationKind</name>
    <message>
        <location filename="../../src/paperless/gui/notes/kinds.py" line="+23"/>
        <source>Highlight</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Underline</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Strike-out</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drawing</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sticky note</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text box</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>AnnotationMenu</name>
    <message>
        <location filename="../../src/paperless/gui/viewer/annotation_menu.py" line="+27"/>
        <source>Colour</source>
        <translation>Colour</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Edit the text…</source>
        <translation>Edit the text…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Edit the comment…</source>
        <translation>Edit the comment…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a comment…</source>
        <translation>Add a comment…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Delete</source>
        <translation>Delete</translation>
    </message>
</context>
<context>
    <name>AnnotationToolBar</name>
    <message>
        <location filename="../../src/paperless/gui/annotations/toolbar.py" line="+160"/>
        <source>Select</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Select text or an annotation to move, change or delete it</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Highlight</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Highlight text: drag over it, or select it first</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Underline</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Underline text: drag over it, or select it first</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Strike out</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Strike out text: drag over it, or select it first</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pen</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Draw freehand with the mouse, touchpad or pen</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Eraser</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Erase pen strokes: drag over them</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sticky note</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Add a sticky note: click where it goes</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text box</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Write on the page: drag a box, then type</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Yellow</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Green</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Blue</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pink</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Red</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Black</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Fine</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Medium</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Thick</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Marker</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Annotations</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annotation tools</source>
        <translation></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{name} ({points} pt)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+132"/>
        <source>Colour</source>
        <translation></translation>
    </message>
    <message>
        <location line="-130"/>
        <location line="+146"/>
        <source>Pen width</source>
        <translation></translation>
    </message>
    <message>
        <location line="-138"/>
        <source>Undo the last change to your annotations ({keys})</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Redo the change you undid ({keys})</source>
        <translation></translation>
    </message>
    <message>
        <location line="+118"/>
        <source>Colour: {name}</source>
        <translation></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Pen width: {points} pt</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>AnnotationsTab</name>
    <message>
        <location filename="../../src/paperless/gui/notes/annotation_list.py" line="+172"/>
        <source>Not placed: their text changed in this version</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Page %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pages %1–%2</source>
        <translation></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>version from another device</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Changed on another of your devices at the same time as this one&apos;s version; both are kept. Delete the one you do not want.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+27"/>
        <source>Place it in the document on screen</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drop it</source>
        <translation></translation>
    </message>
    <message>
        <location line="+18"/>
        <location line="+63"/>
        <source>All documents</source>
        <translation></translation>
    </message>
    <message>
        <location line="-49"/>
        <source>All kinds</source>
        <translation></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>All colours</source>
        <translation></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No session is open.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Opening your notes…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Nothing matches these filters.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You have not marked anything in this session yet. Select text on a page to highlight it, or use the drawing and note tools.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Show the annotations of</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show annotations of the kind</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show annotations of the colour</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My annotations in this session</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Press Enter to go to the annotation. One that could not be placed: Enter places it in the document on screen, Delete drops it.</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>Banner</name>
    <message>
        <location filename="../../src/paperless/gui/banner.py" line="+140"/>
        <source>Information</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Warning</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Problem</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+1"/>
        <source>Close this message</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>BookmarksTab</name>
    <message>
        <location filename="../../src/paperless/gui/notes/bookmarks.py" line="+139"/>
        <location line="+101"/>
        <source>Page %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="-37"/>
        <source>Go to this page</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Rename…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+28"/>
        <source>Delete</source>
        <translation></translation>
    </message>
    <message>
        <location line="-5"/>
        <source>No document is open.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Label</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bookmarks of this document</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bookmark this page</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bookmark the page you are reading (Ctrl+D)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Delete the selected bookmark (Del)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No bookmarks in this document yet. Press Ctrl+D to bookmark the page you are reading.</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>CardView</name>
    <message>
        <location filename="../../src/paperless/gui/dialogs/card_view.py" line="+65"/>
        <source>Fingerprint</source>
        <translation></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>office (signer)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>member</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Role: %1 — fingerprint:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This card file was made by an older version of Paperless: check these 40 digits, not the 20 written on it.</source>
        <translation>This card file was made by an older version of Paperless: check these 40 digits, not the 20 written on it.</translation>
    </message>
</context>
<context>
    <name>Classification</name>
    <message>
        <location filename="../../src/paperless/gui/classification.py" line="+30"/>
        <source>Confidential (Mật)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secret (Tối mật)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Top secret (Tuyệt mật)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>%1 document: it may not be copied, printed or exported, and will be recalled after the meeting.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 document: it may not be copied, printed or exported.</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>ClerkPassphraseDialog</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/passphrase.py" line="+83"/>
        <source>Sign the bundle</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The office&apos;s passphrase</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The bundle is signed with the office&apos;s key:
%1 (fingerprint %2)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Passphrase:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Sign</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel</source>
        <translation></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Please type the passphrase.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checking the passphrase…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+31"/>
        <source>Wrong passphrase. You can try again in %1 s.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Wrong passphrase. Please try again.</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>ClerkSteps</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/steps.py" line="+95"/>
        <source>Session</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Members</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agenda and documents</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Build and publish</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>ClerkWindow</name>
    <message numerus="yes">
        <location filename="../../src/paperless/gui/clerk/window.py" line="+195"/>
        <source>%n thing(s) to fix on this step</source>
        <translation>
            <numerusform>%n thing to fix on this step</numerusform>
            <numerusform>%n things to fix on this step</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>%n thing(s) to fix before building</source>
        <translation>
            <numerusform>%n thing to fix before building</numerusform>
            <numerusform>%n things to fix before building</numerusform>
        </translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Ready to build</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>New session</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Prepare a session — %1%2</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Undo: %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Undo</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Redo: %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>&amp;Redo</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;File</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Edit</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Go</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;New session</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open a session…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Save &amp;as…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Close the workspace</source>
        <translation></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Choose an empty folder for the new session</source>
        <translation></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Open a session</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Session (session.toml *.toml)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+14"/>
        <location line="+15"/>
        <source>Saved</source>
        <translation></translation>
    </message>
    <message>
        <location line="-8"/>
        <source>Save the session as</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Session (*.toml)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Could not save</source>
        <translation></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Unsaved changes</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The session has changes that are not saved. Save them?</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>Colour</name>
    <message>
        <location filename="../../src/paperless/gui/notes/kinds.py" line="+48"/>
        <source>Black</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>White</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Grey</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Red</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Orange</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Yellow</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Green</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Turquoise</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Blue</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Purple</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Pink</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>CommentEditor</name>
    <message>
        <location filename="../../src/paperless/gui/consultation/widgets.py" line="+185"/>
        <location line="+44"/>
        <source>Comment to the office</source>
        <translation>Comment to the office</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>Keep what you wrote as a draft?</source>
        <translation>Keep what you wrote as a draft?</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Discard</source>
        <translation>Discard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Go on writing</source>
        <translation>Go on writing</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>Your comment on “%1”</source>
        <translation>Your comment on “%1”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your comment on the item as a whole: “%1”</source>
        <translation>Your comment on the item as a whole: “%1”</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+3"/>
        <source>The passage you selected:</source>
        <translation>The passage you selected:</translation>
    </message>
    <message>
        <location line="-2"/>
        <location line="+3"/>
        <source>Where in the draft (you may change it):</source>
        <translation>Where in the draft (you may change it):</translation>
    </message>
    <message>
        <location line="-2"/>
        <location line="+3"/>
        <source>Your comment:</source>
        <translation>Your comment:</translation>
    </message>
    <message>
        <location line="-52"/>
        <location line="+53"/>
        <source>Save draft</source>
        <translation>Save draft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The deadline for comments (%1) has passed: you can still send, and the office will mark the comment as late.</source>
        <translation>The deadline for comments (%1) has passed: you can still send, and the office will mark the comment as late.</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Deadline for comments: %1. A draft stays on this computer until you send it.</source>
        <translation>Deadline for comments: %1. A draft stays on this computer until you send it.</translation>
    </message>
</context>
<context>
    <name>CommentsPanel</name>
    <message>
        <location line="+143"/>
        <source>Not answered yet</source>
        <translation>Not answered yet</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+190"/>
        <source>Received by the office (%1)</source>
        <translation>Received by the office (%1)</translation>
    </message>
    <message>
        <location line="-188"/>
        <location line="+186"/>
        <source>Sent — waiting for sync</source>
        <translation>Sent — waiting for sync</translation>
    </message>
    <message>
        <location line="-51"/>
        <source>General comments</source>
        <translation>General comments</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Written opinion polls</source>
        <translation>Written opinion polls</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>closed at %1</source>
        <translation>closed at %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>answer by %1</source>
        <translation>answer by %1</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Deadline for comments: %1</source>
        <translation>Deadline for comments: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>passed: comments sent now are marked late</source>
        <translation>passed: comments sent now are marked late</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Draft</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Sent after the deadline</source>
        <translation>Sent after the deadline</translation>
    </message>
    <message>
        <location line="+65"/>
        <source>Agreed with the draft (sent)</source>
        <translation>Agreed with the draft (sent)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agree with the draft, no comments</source>
        <translation>Agree with the draft, no comments</translation>
    </message>
    <message>
        <location line="+35"/>
        <location line="+1"/>
        <source>Comments to the office</source>
        <translation>Comments to the office</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Signed and sealed to the office; sent at the next sync.</source>
        <translation>Signed and sealed to the office; sent at the next sync.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Comment on the item…</source>
        <translation>Comment on the item…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Amend…</source>
        <translation>Amend…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdraw…</source>
        <translation>Withdraw…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send</source>
        <translation>Send</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send all drafts</source>
        <translation>Send all drafts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the poll…</source>
        <translation>Open the poll…</translation>
    </message>
</context>
<context>
    <name>CommentsView</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/follow_views.py" line="+279"/>
        <source>Export the consolidation table (Ctrl+E)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Writes the table “Bản tổng hợp, giải trình, tiếp thu ý kiến” with your answers, as Word and Excel files, into the session&apos;s folder.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The office&apos;s &amp;answer to this comment (Ý kiến giải trình, tiếp thu):</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Place and comment</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Member</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Received</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Office&apos;s answer</source>
        <translation></translation>
    </message>
    <message numerus="yes">
        <location line="+14"/>
        <source>{title} — %n comment(s)</source>
        <translation>
            <numerusform>{title} — %n comment</numerusform>
            <numerusform>{title} — %n comments</numerusform>
        </translation>
    </message>
    <message>
        <location line="+5"/>
        <source>General comments</source>
        <translation>General comments</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>sent after the deadline</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>amended</source>
        <translation></translation>
    </message>
    <message numerus="yes">
        <location line="+16"/>
        <source>%n comment(s) received.</source>
        <translation>
            <numerusform>%n comment received.</numerusform>
            <numerusform>%n comments received.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No comment has arrived yet. Members who send nothing are deemed to agree.</source>
        <translation></translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n refused (not counted): </source>
        <translation>
            <numerusform>%n refused (not counted): </numerusform>
            <numerusform>%n refused (not counted): </numerusform>
        </translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Choose a comment above to read it whole and write the office&apos;s answer.</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>ConnectOffice</name>
    <message>
        <location filename="../../src/paperless/gui/sync/connect.py" line="+27"/>
        <source>Office server files (*.toml);;All files (*)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+12"/>
        <location line="+15"/>
        <location line="+84"/>
        <source>Connect to the office server</source>
        <translation></translation>
    </message>
    <message>
        <location line="-83"/>
        <source>This file, signed by your office, names the office server %1. Your notes will be kept in step between your computers through it, encrypted so that the server cannot read them.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+68"/>
        <source>C&amp;onnect</source>
        <translation></translation>
    </message>
    <message>
        <location line="-4"/>
        <source>The office has sent the address of its server with this session:
%1
Connect to keep your notes in step between your computers?</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The office has sent the address of a new server with this session:
%1
This computer now syncs your notes with:
%2
Change to the new server?</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>C&amp;hange server</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your notes are encrypted: the server cannot read them. You can also connect later (File menu).</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Not now</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>ConsultationPart</name>
    <message>
        <location filename="../../src/paperless/gui/consultation/part.py" line="+88"/>
        <source>Copy</source>
        <translation>Copy</translation>
    </message>
    <message>
        <location line="+235"/>
        <source>Withdraw the comment</source>
        <translation>Withdraw the comment</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Withdraw this comment? The office will no longer count it.</source>
        <translation>Withdraw this comment? The office will no longer count it.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Withdraw</source>
        <translation>Withdraw</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Comment to the office…</source>
        <translation>Comment to the office…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the office a comment on the selected passage (%1)</source>
        <translation>Send the office a comment on the selected passage (%1)</translation>
    </message>
</context>
<context>
    <name>ControlPanel</name>
    <message>
        <location filename="../../src/paperless/gui/meeting/control.py" line="+391"/>
        <source>&amp;Attendance</source>
        <translation></translation>
    </message>
    <message>
        <location line="+118"/>
        <source>&amp;Speaking</source>
        <translation></translation>
    </message>
    <message>
        <location line="-116"/>
        <source>&amp;Voting</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Presenting</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+6"/>
        <location line="+14"/>
        <source>Member</source>
        <translation></translation>
    </message>
    <message>
        <location line="-20"/>
        <location line="+21"/>
        <source>Attendance</source>
        <translation></translation>
    </message>
    <message>
        <location line="-21"/>
        <source>Role</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mark the chosen member absent</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>R&amp;eason:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. on a work trip</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Mark absent</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Requests to speak, in order:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Agenda item</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Topic</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Asked at</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Give the floor to the first</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Give the floor to the &amp;chosen member</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;lose the floor</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open a vote</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Motion:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. Adopt the draft resolution on item 2</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agenda &amp;item:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open the vote</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vote under way</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;End the vote…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Results</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vo&amp;te:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choice</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Who voted how</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Presenting</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>While presenting is on, the item and page open on this laptop show on every member&apos;s screen.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Hand the presentation to:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Hand &amp;over</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Take the presentation back</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>E&amp;xport the minutes (attendance and votes)…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Item {n}</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>For</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Against</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Blank</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not connected to the meeting room yet.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connected to the meeting room.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>⚠ Connection to the office server lost — trying again. The buttons work again once it is back.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Quorum reached: {n}/{total} attending — {needed} needed</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No quorum yet: {n}/{total} attending — {needed} needed</source>
        <translation></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Present: {present} · Online: {online} · Absent: {absent} · Not checked in yet: {none}</source>
        <translation></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Not checked in yet</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✓ Present in the room</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✓ Online</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✗ Absent: {reason}</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Chair</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Secretariat</source>
        <translation></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Has the floor: {name}</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Nobody has the floor.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Nobody has asked to speak.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>(not tied to an item)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Motion: {motion}</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agenda item: {title}</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+131"/>
        <source>Votes cast: {cast}/{total}</source>
        <translation></translation>
    </message>
    <message>
        <location line="-128"/>
        <source>{n} members attending may vote. Who voted how shows when the vote ends.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{n}. {motion}</source>
        <translation></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Receiving the ballots ({counted} of {cast})…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ADOPTED: {n} of {total} members voted for (more than half: {needed})</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>NOT ADOPTED: {n} of {total} members voted for (more than half needed: {needed})</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>For: {f} · Against: {a} · Blank: {b} · Did not vote: {none}</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>— did not vote</source>
        <translation></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Presentin&amp;g: ON — members follow this laptop</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Presentin&amp;g: OFF — press to start</source>
        <translation></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>On members&apos; screens: {item}, page {page}</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Nothing is presented yet.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The pages are moved by: the secretariat</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The pages are moved by: you</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The pages are moved by: {name} (handed over)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+48"/>
        <source>End the vote</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>End the vote? After it ends nobody can vote any more.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;End the vote</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Co&amp;ntinue voting</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>DevicesDialog</name>
    <message>
        <location filename="../../src/paperless/gui/sync/devices.py" line="+105"/>
        <source>My devices</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The computers that hold your notes. If one is lost or given away, revoke it: the office server refuses it at once, and it deletes your notes and sessions the next time it connects.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Device</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Added</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Last seen</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Revoke this device…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Approve this device…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Close</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Asking the office server…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>The office server could not be asked: %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 (this computer)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (revoked)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 (waiting for approval)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+40"/>
        <source>Revoke a device</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Revoke “%1”? It will no longer reach your notes, and it deletes your notes and sessions the next time it connects.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Revoke</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Revoking…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Approve a device</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Approve “%1”? Approve only a computer you set up yourself just now: it will receive all your notes.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Approve</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Approving…</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>DocumentView</name>
    <message>
        <location filename="../../src/paperless/gui/viewer/document_view.py" line="+101"/>
        <source>Pages</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contents</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Side panel</source>
        <translation></translation>
    </message>
    <message>
        <location line="+309"/>
        <source>Opening “{title}”…</source>
        <translation></translation>
    </message>
    <message>
        <location line="-126"/>
        <source>Copying text is not allowed for this document.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Select some text with the mouse first.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Copied {count} characters.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+23"/>
        <location line="+98"/>
        <source>the document has no pages</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>“{title}” cannot be displayed: {detail}</source>
        <translation></translation>
    </message>
    <message>
        <location line="-100"/>
        <source>The document cannot be displayed.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+84"/>
        <source>External link not opened (this reader works offline): {uri}</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Selecting text is not allowed for this document.</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>DocumentsPanel</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/documents_panel.py" line="+248"/>
        <location line="+22"/>
        <source>Only PDF, DOCX, DOC, ODT and RTF files can be added; left out: {names}</source>
        <translation></translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Add a document</source>
        <translation></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Replace the document</source>
        <translation></translation>
    </message>
    <message>
        <location line="+102"/>
        <source>Documents ({kinds})</source>
        <translation></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Documents of item {number}</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drag PDF, Word (DOCX, DOC), ODT or RTF files here, or press Add. Word and ODT files are converted to PDF: what you see on the right is what members will see.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Add a document (Insert)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Put another file in this document&apos;s place</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Remove the document from the item (Delete); Undo brings it back</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move &amp;up</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move up (Ctrl+Up)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move do&amp;wn</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move down (Ctrl+Down)</source>
        <translation></translation>
    </message>
    <message>
        <location line="-9"/>
        <source>A&amp;dd…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Replace…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Re&amp;move</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Tr&amp;y again</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Convert and check the file again</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Documents</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No documents yet: drag files here from a folder, or press Add.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+75"/>
        <source>The file is missing from the session&apos;s folder: {path}</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Checking…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Waiting to be converted to PDF…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Converting to PDF…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading the scanned pages (%1 of %2)…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>1 page</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>{count} pages</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{pages} · members see it as “{title}”</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cannot be used: {reason}</source>
        <translation></translation>
    </message>
    <message>
        <location line="+34"/>
        <source>Drop documents here.</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../src/paperless/gui/dialogs/errors.py" line="+28"/>
        <source>This file is not from an office you trust</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This file has been altered or damaged</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This is not a session file</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This session has expired</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This is an older copy of the session</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This session was not sent to you</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This document is restricted</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wrong passphrase</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This public card cannot be used</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Your reading library cannot be opened</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The action could not be completed</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Do not use this file. If the office has a new card, ask them to read its fingerprint to you, then choose File ▸ Trust an office card…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Do not use this file; ask the office for a new copy.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A newer version was already opened on this computer. Ask the office for the latest copy.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>If you should have received it, contact the office.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+10"/>
        <location line="+15"/>
        <source>Paperless</source>
        <translation></translation>
    </message>
    <message>
        <location line="-8"/>
        <location line="+15"/>
        <source>Close</source>
        <translation></translation>
    </message>
    <message>
        <location line="-9"/>
        <source>Something unexpected went wrong. This is a bug in Paperless, not your fault.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Please tell the office what you were doing. Your documents are safe.</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>Exporter</name>
    <message>
        <location filename="../../src/paperless/gui/notes/exporting.py" line="+112"/>
        <source>Export annotated PDF</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>annotated</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>PDF documents (*.pdf)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export my notes</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>My notes</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>PDF documents (*.pdf);;Markdown text (*.md)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+17"/>
        <source>The exported file will not be protected.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Anyone who gets this file can read it: it is not encrypted and has no password. Save it only where it is safe, and delete it when you no longer need it.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Continue</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Do not warn me again in this session</source>
        <translation></translation>
    </message>
    <message numerus="yes">
        <location line="+27"/>
        <source>The annotated copy of “%1” was saved, with %n annotations.</source>
        <translation>
            <numerusform>The annotated copy of “%1” was saved, with %n annotation.</numerusform>
            <numerusform>The annotated copy of “%1” was saved, with %n annotations.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 could not be written into it.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Your notes were saved.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+7"/>
        <location line="+1"/>
        <source>Exporting…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+32"/>
        <source>Export</source>
        <translation></translation>
    </message>
    <message>
        <location line="-1"/>
        <source>Saved to %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Saved to: %1
This file is not protected.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Open the folder</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../src/paperless/gui/search/find_bar.py" line="+296"/>
        <source>Searching…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No results</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1/%2…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>%1/%2</source>
        <translation></translation>
    </message>
    <message>
        <location line="+16"/>
        <location line="+1"/>
        <location line="+14"/>
        <source>Find in document</source>
        <translation></translation>
    </message>
    <message>
        <location line="-13"/>
        <source>Text to find</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Words typed without accents match any accents; words typed with accents match exactly</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Matches</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Next match (Enter, %1)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next match</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous match (Shift+Enter, %1)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous match</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close (Esc)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the find bar</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Find next</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Find previous</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>FingerprintDialog</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/members_page.py" line="+87"/>
        <source>Check a member&apos;s card</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A new card, from the file %1. Read it back to the member on the phone: call them on a number you already know, and read these digits to them group by group.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Accept the card only if the member has the same digits on their screen. If one digit differs, refuse it and ask for the card again.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Accept: the digits are the same</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Refuse</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <location filename="../../src/paperless/gui/dialogs/first_run.py" line="+190"/>
        <location line="+1"/>
        <source>Welcome to Paperless</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paperless keeps the committee&apos;s session documents encrypted on this computer. First you need your own identity: a personal key protected by a passphrase that only you know.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Create my identity</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Use an existing identity folder…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Create my identity</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Choose a passphrase you will remember: a short sentence is best. Nobody, not even the office, can recover it if it is forgotten.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Full &amp;name:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Passphrase:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Repeat passphrase:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Back</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;reate</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your public card</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give your public card to the office, and read these 20 digits aloud to them so that they can check it. The card holds no secret.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save card…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Next</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Trust the office</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>To open session files, Paperless needs the public card of the office that signs them. Choose the card file the office gave you. You can also do this later from the File menu.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Choose the office&apos;s card…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Skip for now</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Finish</source>
        <translation></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>too short (at least 8 characters)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>weak</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>fair</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>good</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>strong</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Strength: %1.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Make it longer, or mix words, capitals, digits and accented letters.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The two passphrases are not the same.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Creating your keys…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Choose your identity folder</source>
        <translation></translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Saved to %1</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>FollowPage</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/follow_page.py" line="+196"/>
        <source>Updating from the office server…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Unlock the office&apos;s identity to read the members&apos; comments and poll answers.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+9"/>
        <source> Shown: the data as of {time}.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>As of {time}; updated every minute while this page is shown (F5: now).</source>
        <translation></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Follow: {title}</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Refresh (F5)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Receipts</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Comments</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Polls</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+82"/>
        <location line="+4"/>
        <source>Recall</source>
        <translation></translation>
    </message>
    <message>
        <location line="-82"/>
        <source>Not yet updated from the office server.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+28"/>
        <source>Nothing to export yet: refresh from the office server first (F5).</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Writing the consolidation table…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Written: {files} in the session&apos;s folder (&lt;a href=&quot;{folder}&quot;&gt;open the folder&lt;/a&gt;).</source>
        <translation></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Recall the whole session “{title}” from every member&apos;s computer?</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>At its next connection to the office server, each computer deletes the session&apos;s documents: the file, its copies, its pages and its search index. This cannot be undone: to give the documents back, publish the session again as a new version.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Recall item {n}. {title} from every member&apos;s computer?</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>One file holds every item of the session, so each computer deletes its whole copy of the session at its next connection. To let members keep reading the other items, publish a new version without this item. This cannot be undone.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>⚠ The meeting has not started yet (it starts at {when}).</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Each computer confirms in the table on this page.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Sending the recall to the office server…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recall of {what} sent. Each computer carries it out at its next connection and confirms here.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The recall was not sent: {why}</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>FollowStep</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/follow_step.py" line="+82"/>
        <source>This session has not been published from this folder yet. Build and publish it (step 4); then the receipts, comments, polls and recalls are followed here.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The record of the published session cannot be read: %1</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>Follower</name>
    <message>
        <location filename="../../src/paperless/gui/meeting/follow.py" line="+184"/>
        <source>The presenter is on page %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The presenter is on page %1 of “%2”</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The presenter is showing a document that is not available to you</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Follow the presenter</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Go back to the page the presenter is showing (%1)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Restricted document — not available to you</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Item %1 is being presented. Your screen follows the presenter again when they move on.</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <location filename="../../src/paperless/gui/idle_lock.py" line="+267"/>
        <source>Please type your passphrase.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Checking…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Wrong passphrase. Please try again.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>The passphrase could not be checked.</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>ItemEditor</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/item_editor.py" line="+349"/>
        <source>Choose an item on the left, or add one (Insert).</source>
        <translation></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Item %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+44"/>
        <source>%1 (not a member)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The session has no members yet: add them on the Members page.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>All %1 members can read this</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 of %2 members can read this</source>
        <translation></translation>
    </message>
    <message>
        <location line="+23"/>
        <source>Polls about this item: %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No poll about this item.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Not classified: the session&apos;s own rules on copying and printing apply.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Mật: never copied, printed or exported; always watermarked; the reader locks after 5 minutes unused.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tối mật: as Mật, the reader locks after 2 minutes, and the documents must be recalled after the meeting.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Tuyệt mật: the highest level. As Tối mật: locks after 2 minutes, recalled after the meeting.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>&amp;Title:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Presented by:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;lassification:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>E&amp;very member</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only the members tic&amp;ked below</source>
        <translation></translation>
    </message>
    <message>
        <location line="-16"/>
        <source>Comments:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. Báo cáo kết quả công tác quý IV</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. Văn phòng Tỉnh ủy</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Not classified</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Mật (confidential)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tối mật (secret)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Tuyệt mật (top secret)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Open for &amp;comments until</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Who may read this item</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Documents</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No document yet.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add a poll about this item</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>ItemNoteEditor</name>
    <message>
        <location filename="../../src/paperless/gui/notes/item_note.py" line="+251"/>
        <source>Saving…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Saved</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not saved yet — trying again</source>
        <translation></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choose an agenda item to write your note on it.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Type your note on this item here.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your private note on this agenda item. Only you can read it; it is saved as you type.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Private note on the agenda item</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bold</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Italic</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bulleted list</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>ItemsList</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/agenda_items.py" line="+296"/>
        <source>Item %1 removed.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+53"/>
        <source>&amp;Agenda items</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drag an item to reorder, or Alt+Up / Alt+Down.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add item (Insert)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove (Delete)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move up</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Move down</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Undo</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Agenda items</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>ItemsModel</name>
    <message>
        <location line="-280"/>
        <source>(no title yet)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>restricted</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>LibraryView</name>
    <message>
        <location filename="../../src/paperless/gui/library_view.py" line="+216"/>
        <location line="+1"/>
        <source>Sessions on this computer</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Press Enter to read the chosen session.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Paperless is locked. Unlock it with your passphrase to see your sessions.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>No sessions yet. Open a session file you received from the office, or drag it onto this window.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Choose a session to read it, or open a new session file.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open a session file…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Unlock…</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>LockScreen</name>
    <message>
        <location filename="../../src/paperless/gui/idle_lock.py" line="-129"/>
        <source>Paperless is locked</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The documents are hidden. Enter your passphrase to go on reading where you were.
Identity: %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Passphrase:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Unlock</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../src/paperless/gui/main_window.py" line="+223"/>
        <source>Checking and opening %1…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Decrypting the document…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+63"/>
        <source>Nothing new on the office server.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+79"/>
        <source>Unlocked: %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+46"/>
        <source>Answer the poll</source>
        <translation>Answer the poll</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Comments to the office</source>
        <translation>Comments to the office</translation>
    </message>
    <message>
        <location line="-4"/>
        <location line="+27"/>
        <source>Open this session</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A new session could not be downloaded: %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The office recalled the documents of the session “%1” after the meeting. They have been deleted from this computer.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+8"/>
        <source>The office recalled a session after the meeting; its documents have been deleted from this computer.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Connected to the office server. Please note: the office sees which documents you opened, and when, and whether you read them to the end.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Export my notes…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+64"/>
        <source>Open a session file</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Session files (*.paperless);;All files (*)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+183"/>
        <source>No document of this session is available to you.</source>
        <translation></translation>
    </message>
    <message>
        <location line="-111"/>
        <source>Page %1 of %2</source>
        <translation></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Preparing the search: %1 of %2 pages</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The whole session can now be searched.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Full screen: press Esc or %1 to leave.</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>MeetingPart</name>
    <message>
        <location filename="../../src/paperless/gui/meeting/part.py" line="+218"/>
        <source>Joining the meeting room…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+101"/>
        <source>Meeting room: connected</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meeting room: reconnecting…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meeting room: connecting…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Checked in: present</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checked in: online</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Marked absent</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not checked in yet</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>You have the floor</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>You are number %1 in the queue to speak</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Browsing freely</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Presenting: members follow your page</source>
        <translation></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>You have the floor: the chair invites you to speak now.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>You have asked to speak: you are number %1 in the queue.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Withdraw my request</source>
        <translation></translation>
    </message>
    <message>
        <location line="+57"/>
        <source>A vote has opened. Check in first (Meeting ▸ Check in) to vote.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>The vote “%1” has closed; counting the ballots…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Result of the vote “%1”: for %2, against %3, blank %4 — %5</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>adopted</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>not adopted</source>
        <translation></translation>
    </message>
    <message>
        <location line="+36"/>
        <source>Check in first to vote.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>For</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Against</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Blank</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Your vote was recorded: %1.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+35"/>
        <source>Save the minutes (attendance list; the votes file is saved beside it)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Replace the votes file?</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file “%1” already exists. Replace it with this meeting’s votes?</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Replace</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keep the old file</source>
        <translation></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>The minutes were saved: the attendance list, and the votes in “%1”.</source>
        <translation></translation>
    </message>
    <message>
        <location line="-44"/>
        <source>CSV files (*.csv)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+113"/>
        <source>&amp;Meeting</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Join the meeting room</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Join the meeting room: follow the presenter, check in, ask to speak and vote (%1)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Follow the presenter</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Check in</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Present in the meeting room</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Online</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Ask to speak…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Withdraw my request to speak</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Vote…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Present from &amp;my screen</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The members&apos; screens follow the document and page on yours</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>MemberPreviewDialog</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/preview_dialog.py" line="+97"/>
        <source>Preview as a member</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>See the session as &amp;member:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>This is what the chosen member will see: locked items are restricted to other members. The preview uses your own copies of the documents; no member&apos;s key is used.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Close</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+27"/>
        <source>Choose a document in the agenda to see it as this member will.</source>
        <translation></translation>
    </message>
    <message>
        <location line="-12"/>
        <source>Watermark on every page: %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>No watermark (classified documents always carry one).</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>MembersPage</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/members_page.py" line="+201"/>
        <source>Members</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each member gives you their public card (card.toml). Add it here: the first time, read its fingerprint back to the member on the phone.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Import cards… (Ctrl+I)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add from the r&amp;oster…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save to the roster</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Name</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Position</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Card</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Drop card files here</source>
        <translation></translation>
    </message>
    <message>
        <location line="+52"/>
        <location line="+8"/>
        <source>Remove</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>office</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>member</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 · fingerprint %2</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fingerprint: %1
File: %2</source>
        <translation></translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Choose a member&apos;s card</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Public cards (*.toml);;All files (*)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+119"/>
        <source>the card file is missing or damaged</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>already in this session</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>NotePopup</name>
    <message>
        <location filename="../../src/paperless/gui/annotations/editors.py" line="+109"/>
        <source>Note</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type your note…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Note text</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete this note</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the note (Esc); what you typed is kept</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the note</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>NotesPanel</name>
    <message>
        <location filename="../../src/paperless/gui/notes/panel.py" line="+72"/>
        <location line="+8"/>
        <source>My notes</source>
        <translation></translation>
    </message>
    <message>
        <location line="-7"/>
        <source>Private: only you can read them.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Item note</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Bookmarks</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Annotations</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Your private note on the current agenda item</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pages you bookmarked in this document</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everything you marked in this session</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Parts of my notes</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>NotesPart</name>
    <message numerus="yes">
        <location filename="../../src/paperless/gui/notes/part.py" line="+146"/>
        <source>%n of your notes moved to the revised documents.</source>
        <translation>
            <numerusform>%n of your notes moved to the revised documents.</numerusform>
            <numerusform>%n of your notes moved to the revised documents.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n could not be placed (their text changed); see My notes.</source>
        <translation>
            <numerusform>%n could not be placed (its text changed); see My notes.</numerusform>
            <numerusform>%n could not be placed (their text changed); see My notes.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Open the document where it belongs first.</source>
        <translation>Open the document where it belongs first.</translation>
    </message>
</context>
<context>
    <name>OpenFlow</name>
    <message>
        <location filename="../../src/paperless/gui/open_flow.py" line="+99"/>
        <source>Trust an office card…</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>OutlinePanel</name>
    <message>
        <location filename="../../src/paperless/gui/viewer/outline.py" line="+27"/>
        <source>Document outline</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Contents: click an entry to go there</source>
        <translation></translation>
    </message>
    <message>
        <location line="+29"/>
        <source>{title} — page {page}</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>PageCanvas</name>
    <message>
        <location filename="../../src/paperless/gui/viewer/canvas.py" line="+93"/>
        <source>Document pages</source>
        <translation></translation>
    </message>
    <message>
        <location line="+100"/>
        <source>Page {page} could not be displayed.</source>
        <translation></translation>
    </message>
    <message>
        <location filename="../../src/paperless/gui/viewer/pointer.py" line="+115"/>
        <source>External link (not opened; this reader works offline): {uri}</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Go to page {page}</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>PagePreview</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/page_preview.py" line="+122"/>
        <source>◀ Previous page</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Previous page (Page Up)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next page ▶</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Next page (Page Down)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page preview</source>
        <translation></translation>
    </message>
    <message>
        <location line="+25"/>
        <source>The document cannot be read.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>The document cannot be shown: {error}</source>
        <translation></translation>
    </message>
    <message>
        <location line="+22"/>
        <source>This page cannot be shown: {error}</source>
        <translation></translation>
    </message>
    <message>
        <location line="+15"/>
        <source>Page {page} of {pages}</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>PollEditor</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/poll_editor.py" line="+491"/>
        <source>Choose a poll on the left, or add one.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Opinion poll %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>No particular item</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Item %1 (not on the agenda)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Question %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>&amp;Title:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>About &amp;item:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Answer &amp;by:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Poll &amp;code:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>e.g. Phiếu lấy ý kiến về dự thảo Nghị quyết</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>A short code without accents, e.g. phieu-1: members never see it</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Questions</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add question</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>PollForm</name>
    <message>
        <location filename="../../src/paperless/gui/consultation/widgets.py" line="-334"/>
        <source>Written opinion poll</source>
        <translation>Written opinion poll</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Questions</source>
        <translation>Questions</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Answer by %1</source>
        <translation>Answer by %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+3"/>
        <source>Your opinion (in writing):</source>
        <translation>Your opinion (in writing):</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Send the poll</source>
        <translation>Send the poll</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You have already answered: sending again replaces your earlier answer.</source>
        <translation>You have already answered: sending again replaces your earlier answer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The deadline has passed: you can still send, and the office will mark the answer as late.</source>
        <translation>The deadline has passed: you can still send, and the office will mark the answer as late.</translation>
    </message>
</context>
<context>
    <name>PollsList</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/poll_editor.py" line="-399"/>
        <source>(no title yet)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source> — item %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+26"/>
        <source>&amp;Opinion polls</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Add poll</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove poll</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opinion polls</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>PollsView</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/follow_views.py" line="+51"/>
        <source>Question and answers</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Count</source>
        <translation></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{title} (due {due})</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{answered} of {total} answered</source>
        <translation></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Answered after the deadline: {names}</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not answered yet: {names}</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Everyone has answered.</source>
        <translation></translation>
    </message>
    <message numerus="yes">
        <location line="+8"/>
        <source>%n poll(s) in this session.</source>
        <translation>
            <numerusform>%n poll in this session.</numerusform>
            <numerusform>%n polls in this session.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This session has no written opinion poll.</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>Printing</name>
    <message>
        <location filename="../../src/paperless/gui/printing.py" line="+144"/>
        <source>Printing…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Cancel</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Print</source>
        <translation></translation>
    </message>
    <message>
        <location line="+44"/>
        <source>Printing page {n} of {total}…</source>
        <translation></translation>
    </message>
    <message numerus="yes">
        <location line="+38"/>
        <source>%n page(s) sent to the printer.</source>
        <translation>
            <numerusform>%n page sent to the printer.</numerusform>
            <numerusform>%n pages sent to the printer.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>PublishPage</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/publish_page.py" line="+236"/>
        <source>Build, check and publish</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What changed since the last published version</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Build and sign</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Publish</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Building encrypts every document for the members allowed to read it and signs the bundle with the office&apos;s key. Then the bundle is checked as a member&apos;s computer will check it.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Preview as a member…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>See the agenda and the documents as one member will see them</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Build and sign</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop (Esc); nothing is left half written</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Send the checked bundle to the office server, where members&apos; computers fetch it, or save it as a file to hand out on a USB stick.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Publish to the &amp;office server</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Save for a USB stick…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+45"/>
        <location line="+188"/>
        <source>The session changed after the last build; build it again before publishing.</source>
        <translation></translation>
    </message>
    <message>
        <location line="-155"/>
        <source>Not published yet: this will be version %1.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The whole session is new to the members.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Version %1 was published on %2. This will be version %3.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Nothing has changed since version %1.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Stopping…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Checking and converting documents (%1 of %2)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reading scanned pages (%1 of %2)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Encrypting and signing</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Checking the written bundle</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copying to the USB stick</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Sending to the office server…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+102"/>
        <source>Done</source>
        <translation></translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Something went wrong; nothing was published. The details were recorded.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+33"/>
        <source>Published version %1 to the office server. %2 members can fetch it now.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Version %1 was already on the office server; nothing changed.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+24"/>
        <source>Save the bundle for a USB stick</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Paperless session (*.paperless)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Saved version %1 as %2. Give the file to the members on the stick.</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>QuestionBox</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/poll_editor.py" line="+47"/>
        <source>The question, e.g. Đồng ý thông qua dự thảo?</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The usual choices: %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Choices of my own</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>A written answer only</source>
        <translation></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Choices, one a line:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Members may also write an answer</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Remove question</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>ReaderPane</name>
    <message>
        <location filename="../../src/paperless/gui/reader.py" line="+215"/>
        <source>This session expired on %1; documents can no longer be opened.</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>RecallView</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/follow_views.py" line="+45"/>
        <source>After the meeting, documents with secret content must be recovered (Law 29/2018/QH14, art. 17). A recall deletes them from every member&apos;s computer the next time it connects to the server; each computer then confirms here.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Recall the whole session…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>or one classified &amp;item:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Recall this item…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Member</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Computer</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Recalled</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>At</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Confirmed</source>
        <translation></translation>
    </message>
    <message>
        <location line="+13"/>
        <source>(no classified item in this session)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>the whole session</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>item {n}. {title}</source>
        <translation></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>No computer connected yet</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>✔ Confirmed {when}</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Computer revoked (everything on it is wiped)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Not yet confirmed</source>
        <translation></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Nothing of this session has been recalled.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{done} of {total} computers have confirmed.</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>ReceiptsView</name>
    <message>
        <location line="-443"/>
        <source>Read to the end: every document of the item was read to its last page. Opened: put on screen. Received: on the member&apos;s computer. Point at a cell for the times.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Not received</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Received</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Opened</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Read to the end</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>received</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>opened</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>read to the end</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>— not for this member</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{state} ({done} of {total} documents)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+6"/>
        <source>This item is restricted to other members.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>nothing yet</source>
        <translation></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>The meeting has started.</source>
        <translation></translation>
    </message>
    <message numerus="yes">
        <location line="+3"/>
        <source>The meeting starts in %n day(s)</source>
        <translation>
            <numerusform>The meeting starts in %n day</numerusform>
            <numerusform>The meeting starts in %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+0"/>
        <source> and %n hour(s).</source>
        <translation>
            <numerusform> and %n hour.</numerusform>
            <numerusform> and %n hours.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+1"/>
        <source>The meeting starts in %n hour(s).</source>
        <translation>
            <numerusform>The meeting starts in %n hour.</numerusform>
            <numerusform>The meeting starts in %n hours.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Member</source>
        <translation></translation>
    </message>
    <message numerus="yes">
        <location line="+10"/>
        <source>{name}
⚠ has not received %n item(s)</source>
        <translation>
            <numerusform>{name}
⚠ has not received %n item</numerusform>
            <numerusform>{name}
⚠ has not received %n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+6"/>
        <source>{name}
not received: %n item(s)</source>
        <translation>
            <numerusform>{name}
not received: %n item</numerusform>
            <numerusform>{name}
not received: %n items</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <location line="+29"/>
        <source>⚠ Not yet received by %n member(s): {names}.</source>
        <translation>
            <numerusform>⚠ Not yet received by %n member: {names}.</numerusform>
            <numerusform>⚠ Not yet received by %n members: {names}.</numerusform>
        </translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Every member has received the documents.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Receipts from people not in this session were left out: {names}.</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>RosterDialog</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/members_page.py" line="-412"/>
        <source>Add from the roster</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tick the members of this session (Space ticks the highlighted one).</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Tick &amp;all</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Add the ticked members</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>SearchPanel</name>
    <message>
        <location filename="../../src/paperless/gui/search/search_panel.py" line="+212"/>
        <source>page %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+61"/>
        <source>Indexing… %1/%2 pages</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Indexing… %1/%2 documents (%3 pages)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>No results yet</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>No results</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>More than %1 results; showing the first %1</source>
        <translation></translation>
    </message>
    <message numerus="yes">
        <location line="+2"/>
        <source>%n result(s)</source>
        <translation>
            <numerusform>%n result</numerusform>
            <numerusform>%n results</numerusform>
        </translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+1"/>
        <source>Search all documents</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Search text</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Words typed without accents match any accents (chuyen doi so finds chuyển đổi số); words typed with accents match exactly</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Search results</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Click or press Enter to open the page</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Indexing progress</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>SessionFetch</name>
    <message>
        <location filename="../../src/paperless/gui/sync/fetching.py" line="+77"/>
        <source>Cancel</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop downloading; it goes on from here next time</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Downloading new sessions…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+89"/>
        <source>Downloading a new session: %1%</source>
        <translation></translation>
    </message>
    <message>
        <location line="+21"/>
        <source>The office server does not answer; new sessions will be downloaded once it does.</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>SessionPage</name>
    <message>
        <location filename="../../src/paperless/gui/clerk/session_page.py" line="+356"/>
        <source>The session</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>What the meeting is, when and where, and what members&apos; computers allow. A change is kept when you leave the field; Ctrl+Z undoes it.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The meeting</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Title:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. Hội nghị Ban Thường vụ Tỉnh ủy — phiên thứ 12</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Meeting &amp;body:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. Ban Thường vụ Tỉnh ủy</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Date and time:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not chosen yet</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Place:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>e.g. Phòng họp số 1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Documents d&amp;ue:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sent to members by</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>not set</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Documents usually go out at least %1 days before the meeting.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>E&amp;xpiry:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>documents stop opening on</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>never</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>After this, members&apos; computers refuse to open the documents.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Office &amp;server:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>none: members read offline only</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>C&amp;hoose office-server.toml…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Re&amp;move</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The file made by “paperless server init”: members are offered to connect, to keep their notes on all their computers.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>On members&apos; computers</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Watermark every page with the member&apos;s name</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Allow &amp;copying text</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Allow p&amp;rinting and exporting</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Lock when idle:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>default (%1 minutes)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source> minutes</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Delete members&apos; &amp;notes:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>never (kept)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source> days after the meeting</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Classified items (Mật, Tối mật, Tuyệt mật)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A secrecy level is set per agenda item, and overrides the choices above for its documents:&lt;ul&gt;&lt;li&gt;&lt;b&gt;Mật&lt;/b&gt;: never copied, printed or exported; watermark always on; the reader locks after 5 minutes idle.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Tối mật&lt;/b&gt;: as Mật, and the reader locks after 2 minutes; the documents must be recalled after the meeting.&lt;/li&gt;&lt;li&gt;&lt;b&gt;Tuyệt mật&lt;/b&gt;: as Tối mật.&lt;/li&gt;&lt;/ul&gt;Recall after the meeting: Law 29/2018/QH14 on protecting state secrets, article 17.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+69"/>
        <source>No item of this session is classified yet.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Classified items in this session: %1.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+122"/>
        <source>Choose the office-server file</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Office server file (*.toml);;All files (*)</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>SessionRow</name>
    <message>
        <location filename="../../src/paperless/gui/library_view.py" line="-120"/>
        <source>Expired on %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Available until %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 of %2 documents read</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>SpeakDialog</name>
    <message>
        <location filename="../../src/paperless/gui/meeting/speak.py" line="+18"/>
        <location line="+20"/>
        <source>Ask to speak</source>
        <translation></translation>
    </message>
    <message>
        <location line="-18"/>
        <source>What do you wish to speak about? (optional, a few words)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+11"/>
        <source>On the item being presented: %1. %2</source>
        <translation></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Cancel</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>SyncFront</name>
    <message>
        <location filename="../../src/paperless/gui/sync/front.py" line="+267"/>
        <source>This computer was revoked</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>This computer was removed from your devices (by you on another computer, or by the office). Your notes and sessions on it have been deleted.</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>SyncPart</name>
    <message>
        <location filename="../../src/paperless/gui/sync/part.py" line="+144"/>
        <source>Your notes are kept in step through the office server. The office sees which documents you opened, and when.</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>TextBoxEditor</name>
    <message>
        <location filename="../../src/paperless/gui/annotations/editors.py" line="+86"/>
        <source>Text box text</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Type here…</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>TextSizeButton</name>
    <message>
        <location filename="../../src/paperless/gui/annotations/text_size.py" line="+37"/>
        <source>Small</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Normal</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Large</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Larger</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Largest</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>{name} ({points} pt)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Text size</source>
        <translation></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Text size: {points} pt</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>ThumbnailPanel</name>
    <message>
        <location filename="../../src/paperless/gui/viewer/thumbnails.py" line="+51"/>
        <source>Page thumbnails</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pages: click one to go there</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+28"/>
        <source>Page {page}</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>TrustDialog</name>
    <message>
        <location filename="../../src/paperless/gui/dialogs/trust.py" line="+24"/>
        <source>Public cards (*.toml);;All files (*)</source>
        <translation></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save my public card</source>
        <translation></translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Trust an office card</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Only the committee office&apos;s card can sign sessions. Session files signed with this card will be accepted for you on this computer.</source>
        <translation>Only the committee office&apos;s card can sign sessions. Session files signed with this card will be accepted for you on this computer.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Ask the office to read their fingerprint to you (by phone or in person). Trust this card only if every digit is the same.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Trust this card</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Cancel</source>
        <translation></translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Choose the office&apos;s public card</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>Undo</name>
    <message>
        <location filename="../../src/paperless/gui/notes/kinds.py" line="-48"/>
        <source>&amp;Undo</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Undo %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Undo Delete %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Undo Change to %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;Redo</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Redo %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Redo Delete %1</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Redo Change to %1</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>UnlockDialog</name>
    <message>
        <location filename="../../src/paperless/gui/dialogs/unlock.py" line="+127"/>
        <source>Unlock Paperless</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Enter your passphrase</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Identity: %1
Fingerprint: %2</source>
        <translation>Identity: %1
Fingerprint: %2</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Passphrase:</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Unlock</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Start a new library</source>
        <translation>&amp;Start a new library</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Keep the refused file aside and start an empty library. Open your sessions again from their files; your notes are not affected.</source>
        <translation>Keep the refused file aside and start an empty library. Open your sessions again from their files; your notes are not affected.</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Cancel</source>
        <translation></translation>
    </message>
    <message>
        <location line="+20"/>
        <source>Please type your passphrase.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Unlocking…</source>
        <translation></translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Your reading library on this computer has been altered or damaged, so it was not used. Your documents and notes are untouched; you can start a new library.</source>
        <translation>Your reading library on this computer has been altered or damaged, so it was not used. Your documents and notes are untouched; you can start a new library.</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>Wrong passphrase. You can try again in %1 s.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Wrong passphrase. Please try again.</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>ViewerToolbar</name>
    <message>
        <location filename="../../src/paperless/gui/viewer/toolbar.py" line="+86"/>
        <source>Document</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document toolbar</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pages</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Show or hide the page thumbnails and contents</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page number</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Current page: type a number and press Enter to go there</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Page count</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom out ({key})</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Zoom</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Zoom: choose a size or type a percentage</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+4"/>
        <location line="+40"/>
        <source>Fit width</source>
        <translation></translation>
    </message>
    <message>
        <location line="-43"/>
        <location line="+4"/>
        <location line="+41"/>
        <source>Fit page</source>
        <translation></translation>
    </message>
    <message>
        <location line="-44"/>
        <source>Zoom in ({key})</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Fit the page width to the window</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the whole page</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Actual size ({key})</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>100%</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Night</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Night mode: light text on a dark page</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Document status</source>
        <translation></translation>
    </message>
    <message>
        <location line="+30"/>
        <source>of {count}</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>VoteDialog</name>
    <message>
        <location filename="../../src/paperless/gui/meeting/vote_dialog.py" line="+133"/>
        <source>For</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Against</source>
        <translation></translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Blank</source>
        <translation></translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Vote</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Vote on the motion</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Agenda item: {title}</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Not tied to an agenda item</source>
        <translation></translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Close</source>
        <translation></translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Press {key}</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The vote has closed. Your choice that counts: {choice}.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The vote has closed. You did not vote.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+3"/>
        <source>You chose: {choice} — you can change it until the vote closes.</source>
        <translation></translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Press a button, or the key 1, 2 or 3. You can change your choice until the vote closes.</source>
        <translation></translation>
    </message>
</context>
<context>
    <name>annotating</name>
    <message>
        <location filename="../../src/paperless/gui/viewer/annotation_make.py" line="+42"/>
        <source>Mark the text where it belongs: the note moves there.</source>
        <translation></translation>
    </message>
</context>
</TS>
