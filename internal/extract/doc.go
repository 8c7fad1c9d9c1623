// Package extract reads the text of the files a site publishes beside its
// documents (attachments and reports' PDFs), so that the privacy check can
// look inside them and search can find them by their words.
//
// It owns reading files into text ([Extractor.Read], giving [Text] by
// page) and nothing else: package build decides which files to read,
// checks their text with package privacy, and keeps it on the graph for
// the search index; letterpress import uses it to draft a reply from a
// PDF.
//
// PDFs are read by poppler's pdftotext, one page at a time (it ends each
// page with a form feed); Word files (.docx) by reading their XML; plain
// text as it is, a form feed starting a new page. What pdftotext gives is
// kept in a cache folder under a name made from the file's content, so a
// repeat build does not run it again on a PDF it has read. Without
// pdftotext, PDFs are not read ([ErrMissing] says so), which the caller
// reports once: it is never an error. A file past the limits on what is
// read is refused rather than holding the build up.
package extract
