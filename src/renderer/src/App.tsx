import { useEffect, useState } from 'react';

/** Placeholder root; the popover and preferences come with the app issue. */
export function App() {
  const [version, setVersion] = useState<string>();

  useEffect(() => {
    let live = true;
    void window.tinyarms?.appVersion().then((answer) => {
      if (live) setVersion(answer.version);
    });
    return () => {
      live = false;
    };
  }, []);

  return (
    <main>
      <h1>tinyArms</h1>
      {version === undefined ? null : <p>v{version}</p>}
    </main>
  );
}
