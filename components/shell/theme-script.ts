/** Inline, before paint: applies the remembered (or system) theme so dark mode does not flash. */
export const themeScript = `try{var t=localStorage.getItem('berth-theme');if(t==='dark'||(!t&&matchMedia('(prefers-color-scheme: dark)').matches))document.documentElement.classList.add('dark')}catch(e){}`;
