// The composer's key column state (field handle, validity, key check verdict), apart from the typed fields.
import { useCallback, useRef, useState } from 'react';
import { keyVerdictKeyWorks, type KeyVerdict } from '../../../src-shared/domain/key-verdict';
import { EMPTY_KEY, type KeyFieldHandle, type KeyStatus } from '../key-checks/KeyField';

/** The key field's handle and what the composer knows about the key without holding it. */
export function useComposeKey() {
  const keyRef = useRef<KeyFieldHandle>(null);
  const [keyStatus, setKeyStatus] = useState<KeyStatus>(EMPTY_KEY);
  // Bumped on every edit of the key and on reset: a verdict belongs to the exact key it checked.
  const [keyVersion, setKeyVersion] = useState(0);
  const [verdict, setVerdict] = useState<KeyVerdict | null>(null);
  const bumpKey = useCallback(() => setKeyVersion((v) => v + 1), []);
  const clearKey = () => {
    keyRef.current?.clear();
    bumpKey();
  };
  const keyFailed = verdict !== null && keyVerdictKeyWorks(verdict) === false;
  return { keyRef, keyStatus, setKeyStatus, keyVersion, bumpKey, verdict, setVerdict, clearKey, keyFailed };
}
