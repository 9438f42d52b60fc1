-- A real editor against `copydesk lsp`: headless Neovim (0.7 or later) opens a Markdown
-- file, attaches the server, waits for its diagnostics, applies two code actions through
-- Neovim's own workspace-edit code (a quick fix and "disable this rule on this line"),
-- and writes the buffer. tests/editor.rs runs it and checks the file afterwards.
--
--   COPYDESK_BIN=target/debug/copydesk COPYDESK_FILE=/tmp/x/a.md \
--     nvim --headless -u NONE -c 'luafile tests/editor/lsp.lua'
--
-- Exits 0 on success; on failure prints why on stderr and exits 1.

local function main()
  local bin = assert(os.getenv("COPYDESK_BIN"), "COPYDESK_BIN not set")
  local file = assert(os.getenv("COPYDESK_FILE"), "COPYDESK_FILE not set")
  vim.cmd("edit " .. vim.fn.fnameescape(file))
  local buf = vim.api.nvim_get_current_buf()
  local config = {
    name = "copydesk",
    cmd = { bin, "lsp" },
    root_dir = vim.fn.fnamemodify(file, ":p:h"),
  }
  local client_id
  if vim.lsp.start then
    -- Neovim 0.8 and later: starts the client and attaches the current buffer.
    client_id = vim.lsp.start(config)
  else
    -- Neovim 0.7 (Debian 12's).
    client_id = vim.lsp.start_client(config)
    assert(client_id, "the client did not start")
    assert(vim.lsp.buf_attach_client(buf, client_id), "the client did not attach")
  end
  assert(client_id, "the client did not start")
  local client = vim.lsp.get_client_by_id(client_id)

  -- The diagnostics of one rule, as Neovim holds them.
  local function of_rule(rule)
    local out = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      if d.code == rule then
        table.insert(out, d)
      end
    end
    return out
  end

  -- Asks for the code actions at a diagnostic and applies the one whose title starts
  -- with `prefix`, as `vim.lsp.buf.code_action` would.
  local function apply_action(d, prefix)
    -- The finding's range in the client's encoding, from Neovim's byte columns, as
    -- `vim.lsp.buf.range_code_action` makes it.
    local params = vim.lsp.util.make_given_range_params(
      { d.lnum + 1, d.col },
      { d.end_lnum + 1, math.max(d.end_col - 1, 0) },
      buf,
      client.offset_encoding
    )
    params.context = { diagnostics = {} }
    local replies = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 10000)
    for _, reply in pairs(replies or {}) do
      for _, action in ipairs(reply.result or {}) do
        if action.title:sub(1, #prefix) == prefix then
          vim.lsp.util.apply_workspace_edit(action.edit, client.offset_encoding)
          return
        end
      end
    end
    error("no code action starting with " .. prefix)
  end

  assert(
    vim.wait(20000, function() return #of_rule("errors.eggcorns") > 0 end, 20),
    "no diagnostics from copydesk"
  )
  assert(#of_rule("variants.places") == 1, "expected one variants.places finding")

  apply_action(of_rule("errors.eggcorns")[1], "Replace ‘hair-brained’ with ‘harebrained’")
  -- The edit is sent to the server as a change; the finding goes away.
  assert(
    vim.wait(20000, function() return #of_rule("errors.eggcorns") == 0 end, 20),
    "the fixed finding is still reported"
  )
  apply_action(of_rule("variants.places")[1], "Disable variants.places on this line")
  assert(
    vim.wait(20000, function() return #of_rule("variants.places") == 0 end, 20),
    "the suppressed finding is still reported"
  )
  vim.cmd("write")
end

local ok, err = pcall(main)
if ok then
  vim.cmd("qall!")
else
  io.stderr:write("FAIL: " .. tostring(err) .. "\n")
  vim.cmd("cquit 1")
end
