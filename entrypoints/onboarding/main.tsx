import { createRoot } from 'react-dom/client';
import { OnboardingApp } from '../../src/ui/onboarding/OnboardingApp';
import '../../src/ui/theme.css';

createRoot(document.getElementById('root')!).render(<OnboardingApp />);
