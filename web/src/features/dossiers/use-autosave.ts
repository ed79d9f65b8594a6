import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { isApiError } from '../../api/problem';
import { dossierKeys } from './keys';
import { dossierQuery, saveAnswers } from './queries';
import type { Answers, Dossier, OnBehalfOf } from './types';

export type SaveState = 'idle' | 'pending' | 'saving' | 'saved' | 'error' | 'conflict';

const DELAY_MS = 800;
const backupKey = (id: string) => `opendvc.draft.${id}`;

interface Backup {
  /** The server version the answers were typed on. */
  version: number;
  answers: Answers;
}

function readBackup(id: string): Backup | null {
  try {
    const raw = window.localStorage.getItem(backupKey(id));
    return raw ? (JSON.parse(raw) as Backup) : null;
  } catch {
    return null;
  }
}

function writeBackup(id: string, backup: Backup | null) {
  try {
    if (backup) window.localStorage.setItem(backupKey(id), JSON.stringify(backup));
    else window.localStorage.removeItem(backupKey(id));
  } catch {
    // Private browsing or a full store: the server copy is still saved.
  }
}

/**
 * The answers of a draft as the applicant types: saved to the server a moment after the last
 * keystroke (with the version read, so another device's save is never overwritten), and kept
 * on this device until the server has them, so a reload or a lost connection loses nothing.
 */
export function useAutosave(dossier: Dossier) {
  const queryClient = useQueryClient();
  const id = dossier.id;
  const [answers, setAnswersState] = useState<Answers>(() => {
    const backup = readBackup(id);
    return backup && backup.version === dossier.version ? backup.answers : dossier.answers;
  });
  const [state, setState] = useState<SaveState>(() => {
    const backup = readBackup(id);
    return backup && backup.version === dossier.version ? 'pending' : 'idle';
  });
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const version = useRef(dossier.version);
  const latest = useRef(answers);
  const dirty = useRef(state === 'pending');
  const inFlight = useRef<Promise<Dossier | undefined> | null>(null);
  const timer = useRef<number | undefined>(undefined);

  const save = useCallback(async (): Promise<Dossier | undefined> => {
    window.clearTimeout(timer.current);
    if (inFlight.current) await inFlight.current;
    if (!dirty.current) return queryClient.getQueryData<Dossier>(dossierKeys.one(id));
    dirty.current = false;
    const sent = latest.current;
    setState('saving');
    const run = (async () => {
      try {
        const saved = await saveAnswers(id, sent, version.current);
        version.current = saved.version;
        queryClient.setQueryData(dossierKeys.one(id), saved);
        if (latest.current === sent) writeBackup(id, null);
        else writeBackup(id, { version: saved.version, answers: latest.current });
        setSavedAt(new Date());
        setState(dirty.current ? 'pending' : 'saved');
        return saved;
      } catch (error) {
        if (isApiError(error) && error.code === 'dossiers.version_mismatch') {
          // Saved elsewhere meanwhile: take the newest copy rather than overwrite it.
          const fresh = await queryClient.fetchQuery({ ...dossierQuery(id), staleTime: 0 });
          version.current = fresh.version;
          latest.current = fresh.answers;
          setAnswersState(fresh.answers);
          writeBackup(id, null);
          setState('conflict');
          return fresh;
        }
        dirty.current = true;
        setState('error');
        return undefined;
      } finally {
        inFlight.current = null;
      }
    })();
    inFlight.current = run;
    return run;
  }, [id, queryClient]);

  const setAnswers = useCallback(
    (next: Answers) => {
      latest.current = next;
      dirty.current = true;
      setAnswersState(next);
      writeBackup(id, { version: version.current, answers: next });
      setState('pending');
      window.clearTimeout(timer.current);
      timer.current = window.setTimeout(() => void save(), DELAY_MS);
    },
    [id, save],
  );

  // Answers restored from this device after a reload go to the server at once.
  useEffect(() => {
    if (dirty.current) void save();
    return () => window.clearTimeout(timer.current);
  }, [save]);

  // Leaving the page with unsaved answers: try once more (they stay on this device anyway).
  useEffect(() => {
    const onHide = () => {
      if (dirty.current) void save();
    };
    window.addEventListener('pagehide', onHide);
    return () => window.removeEventListener('pagehide', onHide);
  }, [save]);

  /**
   * Files the draft for another applicant ("Nộp cho ai"): the answers so far (`clear` takes out
   * what the previous applicant filled) go with the choice; the server fills the organisation
   * fields again for the new applicant and answers with them.
   */
  const changeApplicant = useCallback(
    async (onBehalfOf: OnBehalfOf | null, clear: (answers: Answers) => Answers): Promise<Dossier> => {
      window.clearTimeout(timer.current);
      if (inFlight.current) await inFlight.current;
      dirty.current = false;
      setState('saving');
      try {
        const saved = await saveAnswers(id, clear(latest.current), version.current, onBehalfOf);
        version.current = saved.version;
        latest.current = saved.answers;
        setAnswersState(saved.answers);
        queryClient.setQueryData(dossierKeys.one(id), saved);
        writeBackup(id, null);
        setSavedAt(new Date());
        setState('saved');
        return saved;
      } catch (error) {
        dirty.current = true;
        setState('error');
        throw error;
      }
    },
    [id, queryClient],
  );

  return { answers, setAnswers, state, savedAt, flush: save, changeApplicant };
}
