import { createRoot } from 'react-dom/client';

createRoot(document.getElementById('root')!).render(<p>值班台</p>);
