//! Opening a file in the system's own viewer, never through a shell. The one
//! way the app does it: attachments (under the name the user gave them) and,
//! off Linux, a PDF to print from the viewer.
//!
//! A shell reads the name as a command line: on Windows `cmd /C start "" <path>`
//! runs whatever follows a `&` (or `^`-escaped tricks) in a file's name. Here the
//! path is one argument of a program run directly (`xdg-open`, `open`), or on
//! Windows the file of ShellExecuteW's "open" verb, with no parameters at all.
use crate::error::{DocError, DocResult};
use std::ffi::{OsStr, OsString};
use std::path::Path;
use std::process::{Child, Command, Stdio};

/// The platforms that open files differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Platform {
    Windows,
    MacOs,
    /// Linux and the BSDs: xdg-open.
    Unix,
}

impl Platform {
    pub const fn current() -> Platform {
        if cfg!(windows) {
            Platform::Windows
        } else if cfg!(target_os = "macos") {
            Platform::MacOs
        } else {
            Platform::Unix
        }
    }
}

/// How the viewer is started for one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Launch {
    /// `program` run directly, no shell, with the path as its only argument.
    Program {
        program: &'static str,
        path: OsString,
    },
    /// ShellExecuteW("open", file): the path as NUL-terminated UTF-16, with no
    /// parameters, so nothing in it is read as a command line.
    ShellOpen { file: Vec<u16> },
}

/// Kinds a viewer would run rather than show (any letter case); never opened.
const RUNNABLE: &[&str] = &[
    "exe", "com", "bat", "cmd", "ps1", "psm1", "vbs", "vbe", "js", "jse", "wsf", "wsh", "msi",
    "msp", "scr", "pif", "lnk", "hta", "cpl", "reg", "url", "jar", "sh", "desktop", "app",
    "command", "appimage", "run",
];

/// What to start to show `path` on `platform`. Refuses a relative path (a
/// name starting with `-` would read as an option) and a runnable kind.
pub fn launch_for(platform: Platform, path: &Path) -> DocResult<Launch> {
    let shown = path.display();
    if !path.is_absolute() {
        return Err(DocError::internal(format!(
            "无法打开“{shown}”：不是完整的文件路径"
        )));
    }
    // Windows drops trailing dots and spaces, so "x.exe." is x.exe.
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().trim_end_matches(['.', ' ']).to_string())
        .unwrap_or_default();
    let kind = name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    if RUNNABLE.contains(&kind.as_str()) {
        return Err(DocError::validation(format!(
            "不能用系统程序打开“{name}”：这类文件会被当作程序运行"
        )));
    }
    Ok(match platform {
        Platform::Windows => shell_open_launch(path.as_os_str())?,
        Platform::MacOs => Launch::Program {
            program: "open",
            path: path.as_os_str().to_owned(),
        },
        Platform::Unix => Launch::Program {
            program: "xdg-open",
            path: path.as_os_str().to_owned(),
        },
    })
}

fn shell_open_launch(path: &OsStr) -> DocResult<Launch> {
    let mut file = utf16(path);
    if file.contains(&0) {
        return Err(DocError::internal("无法打开文件：路径中含有空字符"));
    }
    file.push(0);
    Ok(Launch::ShellOpen { file })
}

#[cfg(windows)]
fn utf16(s: &OsStr) -> Vec<u16> {
    use std::os::windows::ffi::OsStrExt;
    s.encode_wide().collect()
}

/// Elsewhere only to check the Windows form of a path in tests.
#[cfg(not(windows))]
fn utf16(s: &OsStr) -> Vec<u16> {
    s.to_string_lossy().encode_utf16().collect()
}

/// Shows `path` in the system's viewer for its kind; returns once the
/// viewer was asked (it may still be starting).
pub fn open_in_viewer(path: &Path) -> DocResult<()> {
    match launch_for(Platform::current(), path)? {
        Launch::Program { program, path } => {
            let mut child = spawn_viewer(OsStr::new(program), &path)?;
            // Reaped in the background: xdg-open may wait for the viewer.
            std::thread::spawn(move || {
                let _ = child.wait();
            });
            Ok(())
        }
        Launch::ShellOpen { file } => shell_open(file),
    }
}

/// `program path`, no shell, nothing inherited on the standard streams.
fn spawn_viewer(program: &OsStr, path: &OsStr) -> DocResult<Child> {
    Command::new(program)
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| {
            DocError::internal(format!(
                "无法打开文件：{e}（请确认系统已安装能打开此类文件的程序）"
            ))
        })
}

#[cfg(windows)]
fn shell_open(file: Vec<u16>) -> DocResult<()> {
    use windows_sys::Win32::System::Com::{
        CoInitializeEx, CoUninitialize, COINIT_APARTMENTTHREADED, COINIT_DISABLE_OLE1DDE,
    };
    use windows_sys::Win32::UI::Shell::ShellExecuteW;
    use windows_sys::Win32::UI::WindowsAndMessaging::SW_SHOWNORMAL;
    // On a thread of its own: ShellExecuteW wants COM initialised as a
    // single-threaded apartment, which the caller's thread may not be.
    let answer = std::thread::spawn(move || {
        let open: Vec<u16> = "open".encode_utf16().chain([0]).collect();
        // SAFETY: `open` and `file` are NUL-terminated UTF-16 buffers that
        // outlive the call; no window, parameters or directory (null).
        unsafe {
            let com = CoInitializeEx(
                std::ptr::null(),
                (COINIT_APARTMENTTHREADED | COINIT_DISABLE_OLE1DDE) as _,
            );
            let r = ShellExecuteW(
                std::ptr::null_mut(),
                open.as_ptr(),
                file.as_ptr(),
                std::ptr::null(),
                std::ptr::null(),
                SW_SHOWNORMAL,
            );
            if com >= 0 {
                CoUninitialize();
            }
            r as isize
        }
    })
    .join()
    .map_err(|_| DocError::internal("无法打开文件：系统调用异常结束"))?;
    // ShellExecuteW answers a value above 32 on success, an error code otherwise.
    if answer > 32 {
        Ok(())
    } else {
        Err(DocError::internal(format!(
            "无法打开文件（系统错误 {answer}）：请确认系统已安装能打开此类文件的程序"
        )))
    }
}

#[cfg(not(windows))]
fn shell_open(_file: Vec<u16>) -> DocResult<()> {
    Err(DocError::internal("只有 Windows 以 ShellExecute 打开文件"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// Names a shell would read as more than a name.
    const TRICKY: &[&str] = &[
        "a & calc.pdf",
        "报告 & del C:\\Windows.pdf",
        "\"quoted\" name.pdf",
        "caret^&^calc.png",
        "with  two spaces .jpg",
        "现场照片（一）2026年3月.jpg",
        "x; rm -rf ~; $(id) `id` %PATH% !x!.pdf",
        "-n.pdf",
    ];

    fn at(name: &str) -> PathBuf {
        std::env::temp_dir().join("diaodu viewer").join(name)
    }

    #[test]
    fn the_path_is_one_argument_of_the_viewer_itself() {
        for name in TRICKY {
            let path = at(name);
            for (platform, program) in [(Platform::Unix, "xdg-open"), (Platform::MacOs, "open")] {
                assert_eq!(
                    launch_for(platform, &path).unwrap(),
                    Launch::Program {
                        program,
                        path: path.clone().into_os_string()
                    },
                    "{name}"
                );
            }
        }
    }

    #[test]
    fn on_windows_the_path_is_shell_execute_s_file_unchanged() {
        for name in TRICKY {
            let path = at(name);
            let Launch::ShellOpen { file } = launch_for(Platform::Windows, &path).unwrap() else {
                panic!("{name}: not ShellExecute");
            };
            assert_eq!(file.last(), Some(&0), "{name}: NUL-terminated");
            assert_eq!(file.iter().filter(|&&c| c == 0).count(), 1, "{name}");
            assert_eq!(
                String::from_utf16(&file[..file.len() - 1]).unwrap(),
                path.to_string_lossy(),
                "{name}"
            );
        }
    }

    #[test]
    fn runnable_kinds_and_relative_paths_are_refused() {
        for name in [
            "照片.exe",
            "a.pdf.EXE",
            "x.bat.",
            "y.Cmd  ",
            "z.ps1",
            "s.lnk",
            "run.desktop",
        ] {
            for platform in [Platform::Windows, Platform::MacOs, Platform::Unix] {
                let e = launch_for(platform, &at(name)).unwrap_err();
                assert!(e.message.contains("会被当作程序运行"), "{name}: {e}");
            }
        }
        let e = launch_for(Platform::Unix, Path::new("-n.pdf")).unwrap_err();
        assert!(e.message.contains("不是完整的文件路径"), "{e}");
        assert!(launch_for(Platform::Windows, Path::new("a & b.pdf")).is_err());
        assert!(launch_for(Platform::Unix, &at("exe.pdf")).is_ok());
    }

    #[cfg(unix)]
    #[test]
    fn a_tricky_name_reaches_the_program_as_exactly_one_argument() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let seen = dir.path().join("seen");
        let stand_in = dir.path().join("viewer");
        std::fs::write(
            &stand_in,
            format!(
                "#!/bin/sh\nprintf '%s\\n%s' \"$#\" \"$1\" > '{}'\n",
                seen.display()
            ),
        )
        .unwrap();
        std::fs::set_permissions(&stand_in, std::fs::Permissions::from_mode(0o755)).unwrap();
        for name in TRICKY {
            let path = dir.path().join(name);
            let mut child = spawn_viewer(stand_in.as_os_str(), path.as_os_str()).unwrap();
            assert!(child.wait().unwrap().success());
            let got = std::fs::read_to_string(&seen).unwrap();
            assert_eq!(got, format!("1\n{}", path.display()), "{name}");
            std::fs::remove_file(&seen).unwrap();
        }
    }
}
