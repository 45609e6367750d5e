//! The shape of the code, checked natively: no two modules import each
//! other (directly or round a longer loop), the sync never reaches for the
//! storage, proptest's saved failing cases sit where proptest reads them,
//! and the README states the bundle budget the test command enforces.
#![cfg(not(target_arch = "wasm32"))]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// Every file under `dir`, in any folder.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let (mut files, mut folders) = (Vec::new(), vec![dir.to_path_buf()]);
    while let Some(at) = folders.pop() {
        for path in fs::read_dir(&at).unwrap().map(|entry| entry.unwrap().path()) {
            if path.is_dir() {
                folders.push(path)
            } else {
                files.push(path)
            }
        }
    }
    files
}

/// Every `.rs` file under `dir`, by its module path (`couch::session`).
fn modules(dir: &Path) -> BTreeMap<String, String> {
    let mut found = BTreeMap::new();
    for path in files_under(dir).into_iter().filter(|path| path.extension().is_some_and(|e| e == "rs")) {
        let relative = path.strip_prefix(dir).unwrap().with_extension("");
        let name = relative.to_string_lossy().replace('/', "::");
        let name = name.strip_suffix("::mod").unwrap_or(&name).to_owned();
        if name != "lib" && name != "main" {
            found.insert(name, code_of(&fs::read_to_string(&path).unwrap()));
        }
    }
    found
}

/// A file's code without comments and without its unit tests (a test may
/// reach anywhere).
fn code_of(text: &str) -> String {
    let text = text.split("#[cfg(test)]\nmod tests").next().unwrap();
    text.lines().filter(|line| !line.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

/// Which modules each module names through `crate::` or `super::`.
fn imports(modules: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let mut edges = BTreeMap::new();
    for (name, code) in modules {
        let parent = name.rsplit_once("::").map_or("", |(p, _)| p);
        let mut named = BTreeSet::new();
        for (prefix, base) in [("crate::", String::new()), ("super::", parent.to_owned())] {
            for (at, _) in code.match_indices(prefix) {
                let path: String = code[at + prefix.len()..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                let parts: Vec<&str> = path.split("::").collect();
                // The longest module the path names.
                let target = (1..=parts.len()).rev().map(|n| {
                    let tail = parts[..n].join("::");
                    if base.is_empty() {
                        tail
                    } else {
                        format!("{base}::{tail}")
                    }
                });
                if let Some(target) = target.into_iter().find(|t| modules.contains_key(t)) {
                    // A module and its own submodules are one unit.
                    if !target.starts_with(&format!("{name}::")) && !name.starts_with(&format!("{target}::")) {
                        named.insert(target);
                    }
                }
            }
        }
        named.remove(name);
        edges.insert(name.clone(), named);
    }
    edges
}

/// A loop of imports, if there is one.
fn a_cycle(edges: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        at: &str,
        edges: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|p| p == at) {
            return Some(path[start..].iter().cloned().chain([at.to_owned()]).collect());
        }
        if !done.insert(at.to_owned()) {
            return None;
        }
        path.push(at.to_owned());
        for next in edges.get(at).into_iter().flatten() {
            if let Some(cycle) = visit(next, edges, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    edges.keys().find_map(|start| visit(start, edges, &mut Vec::new(), &mut done))
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn no_module_of_the_core_or_the_app_imports_one_that_imports_it_back() {
    for dir in ["crates/core/src", "src"] {
        let edges = imports(&modules(&root().join(dir)));
        assert!(edges.len() > 10, "{dir}: modules found: {:?}", edges.keys());
        assert_eq!(a_cycle(&edges), None, "{dir}: these modules import each other in a loop");
    }
}

#[test]
fn the_sync_never_reaches_for_the_storage() {
    let edges = imports(&modules(&root().join("src")));
    for (name, named) in edges.iter().filter(|(name, _)| name.starts_with("sync") || name.as_str() == "state::sync") {
        let sync_transport = name.starts_with("sync");
        assert!(!(sync_transport && named.contains("storage")), "{name} imports crate::storage");
    }
    assert!(edges["sync"].is_empty() || !edges["sync"].contains("storage"));
}

#[test]
fn saved_failing_cases_sit_where_proptest_reads_them() {
    let saved = root().join("crates/core/proptest-regressions");
    for path in files_under(&saved) {
        // proptest reads src/a/b.rs's cases from proptest-regressions/a/b.txt.
        let source = root().join("crates/core/src").join(path.strip_prefix(&saved).unwrap()).with_extension("rs");
        assert!(source.exists(), "{} belongs to no source file: proptest never re-runs it", path.display());
    }
}

#[test]
fn the_readme_states_the_budgets_the_test_command_enforces() {
    let budgets = fs::read_to_string(root().join("scripts/bundle-budget.env")).unwrap();
    let readme = fs::read_to_string(root().join("README.md")).unwrap().replace(',', "");
    let readme = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    for name in ["VOLUNTEER_FIRST_LOAD_GZIP_BUDGET", "WHOLE_APP_GZIP_BUDGET"] {
        let bytes: u64 = budgets
            .lines()
            .find_map(|line| line.strip_prefix(name)?.strip_prefix('='))
            .unwrap_or_else(|| panic!("the budget file names {name}"))
            .trim()
            .parse()
            .unwrap();
        assert!(readme.contains(&format!("({bytes} bytes)")), "README.md does not state {name} of {bytes} bytes");
    }
    assert!(!readme.contains("no budget is enforced"), "README.md says no budget is enforced");
}
