import { createRoot } from 'react-dom/client';
import { OptionsApp } from '../../src/ui/options/OptionsApp';
import '../../src/ui/theme.css';

createRoot(document.getElementById('root')!).render(<OptionsApp />);
