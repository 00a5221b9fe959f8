"""``okla-lint server``: a language server (LSP over stdio, built on pygls).

* project.py: the project as the editor sees it (files on disk parsed once and kept in
  memory, open buffers replacing their files, the configuration), linted one file at a
  time with the whole project as the model;
* actions.py: code actions (the rules' fixes, "suppress this rule on this line");
* lsp.py: the protocol (diagnostics, code actions, hover, watched files).
"""
