use crate::error::{ApiError, ApiResult};
use diaodu_domain::session::IdleLock;
use diaodu_domain::CoreError;
use diaodu_store::{Actor, Store, User};
use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Mutex, MutexGuard};

struct Session {
    user: User,
    idle: IdleLock,
}

/// The shell's state: the open store (or why it could not be opened) and the
/// logged-in user. All rules live in the core; this only routes.
pub struct AppState {
    store: Result<Mutex<Store>, CoreError>,
    data_dir: PathBuf,
    session: Mutex<Option<Session>>,
    idle_minutes: AtomicI64,
    started: std::time::Instant,
    /// The document fonts once loaded, with the font configuration they were
    /// loaded from (so a change made elsewhere, e.g. by diaodu-cli, is seen).
    fonts: Mutex<
        Option<(
            diaodu_documents::FontConfig,
            std::sync::Arc<diaodu_documents::Fonts>,
        )>,
    >,
    /// The PDFs of the previews open in the window, whose further pages are
    /// drawn when the user turns to them.
    pub previews: diaodu_documents::output::Previews,
    /// The last chart sent to the window, so an edit answers with what
    /// changed (docs/ipc-plans.md).
    pub charts: Mutex<diaodu_store::ChartCache>,
}

fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

fn poisoned() -> ApiError {
    ApiError::from(CoreError::internal("内部状态异常，请重启程序"))
}

#[derive(serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionView {
    pub user: User,
    pub locked: bool,
    pub idle_lock_minutes: i64,
    /// What the user's role allows, by the core's rule (`Permission::code`).
    pub permissions: Vec<&'static str>,
}

impl AppState {
    pub fn open(data_dir: PathBuf) -> AppState {
        let store = Store::open(&data_dir);
        let idle = store
            .as_ref()
            .ok()
            .and_then(|s| s.settings().ok())
            .map(|s| s.idle_lock_minutes)
            .unwrap_or(diaodu_store::DEFAULT_IDLE_LOCK_MINUTES);
        AppState {
            store: store.map(Mutex::new),
            data_dir,
            session: Mutex::new(None),
            idle_minutes: AtomicI64::new(idle),
            started: std::time::Instant::now(),
            fonts: Mutex::new(None),
            previews: Default::default(),
            charts: Mutex::new(Default::default()),
        }
    }

    /// Time since the state was created, right after the process started.
    pub fn uptime_ms(&self) -> u128 {
        self.started.elapsed().as_millis()
    }

    /// The document fonts (the office's configured files, then installed
    /// fonts), loaded on first use (a few hundred ms) and kept while the font
    /// settings stay the same. A failure is not kept: the next use tries again.
    pub fn fonts(&self) -> ApiResult<std::sync::Arc<diaodu_documents::Fonts>> {
        let config = self.store()?.font_config()?;
        // Held while loading, so two documents printed at once load them once.
        let mut slot = self.fonts.lock().map_err(|_| poisoned())?;
        if let Some((loaded_from, f)) = slot.as_ref() {
            if *loaded_from == config {
                return Ok(f.clone());
            }
        }
        let loaded = std::sync::Arc::new(
            diaodu_documents::Fonts::load(&config).map_err(diaodu_store::print::doc_error)?,
        );
        *slot = Some((config, loaded.clone()));
        Ok(loaded)
    }

    /// Forgets the loaded fonts after a font file was chosen again for a role
    /// (same configuration, new file content).
    pub fn reset_fonts(&self) {
        if let Ok(mut slot) = self.fonts.lock() {
            *slot = None;
        }
    }

    pub fn data_dir(&self) -> &PathBuf {
        &self.data_dir
    }

    pub fn store(&self) -> ApiResult<MutexGuard<'_, Store>> {
        match &self.store {
            Ok(m) => m.lock().map_err(|_| poisoned()),
            Err(e) => Err(e.clone().into()),
        }
    }

    pub fn set_idle_minutes(&self, minutes: i64) {
        self.idle_minutes.store(minutes, Ordering::Relaxed);
    }

    /// The acting user of an unlocked session; counts as activity.
    pub fn actor(&self) -> ApiResult<Actor> {
        let mut guard = self.session.lock().map_err(|_| poisoned())?;
        let session = guard.as_mut().ok_or_else(ApiError::unauthenticated)?;
        if session
            .idle
            .check(now_ms(), self.idle_minutes.load(Ordering::Relaxed))
        {
            return Err(ApiError::locked());
        }
        session.idle.touch(now_ms());
        Ok(session.user.actor())
    }

    /// The chart cache, held with the store's lock taken first (as `act` does).
    pub fn charts(&self) -> ApiResult<MutexGuard<'_, diaodu_store::ChartCache>> {
        self.charts.lock().map_err(|_| poisoned())
    }

    /// Runs a core operation as the session's user.
    pub fn act<T>(
        &self,
        f: impl FnOnce(&mut Store, &Actor) -> diaodu_store::Result<T>,
    ) -> ApiResult<T> {
        let actor = self.actor()?;
        let mut store = self.store()?;
        Ok(f(&mut store, &actor)?)
    }

    pub fn begin(&self, user: User) -> ApiResult<SessionView> {
        let mut guard = self.session.lock().map_err(|_| poisoned())?;
        *guard = Some(Session {
            user,
            idle: IdleLock::new(now_ms()),
        });
        drop(guard);
        self.view()?.ok_or_else(ApiError::unauthenticated)
    }

    pub fn end(&self) -> ApiResult<Option<Actor>> {
        // What was previewed in this session is not for the next user.
        self.previews.clear();
        if let Ok(mut charts) = self.charts.lock() {
            charts.clear();
        }
        let mut guard = self.session.lock().map_err(|_| poisoned())?;
        Ok(guard.take().map(|s| s.user.actor()))
    }

    pub fn view(&self) -> ApiResult<Option<SessionView>> {
        let mut guard = self.session.lock().map_err(|_| poisoned())?;
        let idle_minutes = self.idle_minutes.load(Ordering::Relaxed);
        Ok(guard.as_mut().map(|s| SessionView {
            locked: s.idle.check(now_ms(), idle_minutes),
            permissions: s.user.role.permission_codes(),
            user: s.user.clone(),
            idle_lock_minutes: idle_minutes,
        }))
    }

    pub fn lock(&self) -> ApiResult<()> {
        let mut guard = self.session.lock().map_err(|_| poisoned())?;
        guard
            .as_mut()
            .ok_or_else(ApiError::unauthenticated)?
            .idle
            .lock();
        Ok(())
    }

    /// The user id of the (possibly locked) session.
    pub fn session_user_id(&self) -> ApiResult<i64> {
        let guard = self.session.lock().map_err(|_| poisoned())?;
        guard
            .as_ref()
            .map(|s| s.user.id)
            .ok_or_else(ApiError::unauthenticated)
    }

    pub fn unlocked(&self, user: User) -> ApiResult<SessionView> {
        let mut guard = self.session.lock().map_err(|_| poisoned())?;
        let s = guard.as_mut().ok_or_else(ApiError::unauthenticated)?;
        s.user = user;
        s.idle.unlock(now_ms());
        drop(guard);
        self.view()?.ok_or_else(ApiError::unauthenticated)
    }
}
